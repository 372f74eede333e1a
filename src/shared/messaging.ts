/** Typed calls across the boundary: both ends share Protocol, replies carry errors as data. */
import type {ContentProtocol, Protocol, Reply, Req, Res} from './protocol.js';

export type Send = (message: unknown) => Promise<unknown>;

function unwrap<T>(reply: unknown): T {
  const r = reply as Reply<T> | undefined;
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') throw new Error('no answer from the extension');
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Calls the background (from content scripts, popup, options). */
export async function call<K extends keyof Protocol>(send: Send, type: K, req: Req<Protocol, K>): Promise<Res<Protocol, K>> {
  return unwrap(await send({type, req}));
}

/** Calls a content script in a tab (from the background). */
export async function callContent<K extends keyof ContentProtocol>(send: Send, type: K, req: Req<ContentProtocol, K>): Promise<Res<ContentProtocol, K>> {
  return unwrap(await send({type, req}));
}

export async function reply<T>(work: () => T | Promise<T>): Promise<Reply<T>> {
  try {
    return {ok: true, value: await work()};
  } catch (err) {
    return {ok: false, error: err instanceof Error ? err.message : String(err)};
  }
}
