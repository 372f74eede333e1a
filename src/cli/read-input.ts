/** The bytes of one `check` input: a local file, or an http(s) URL fetched with bounds. */
import {readFile, stat} from 'node:fs/promises';

/** Inputs larger than this are refused: no stock cover or avatar comes near it. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;
/** Whole-download limit (answer and body): a server that stops sending cannot hold the batch. */
export const FETCH_TIMEOUT_MS = 20_000;

/** CLICHE_FETCH_TIMEOUT_MS shortens the limit (the tests' hanging server); never lengthens it past a minute. */
export function fetchTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.CLICHE_FETCH_TIMEOUT_MS);
  return ms > 0 ? Math.min(ms, 60_000) : FETCH_TIMEOUT_MS;
}

export async function readInput(input: string): Promise<Buffer> {
  if (/^https?:\/\//i.test(input)) return fetchBytes(input, fetchTimeoutMs());
  try {
    // Size and kind before reading: /dev/zero or a pipe would otherwise be read without end.
    const info = await stat(input);
    if (info.isDirectory()) throw Object.assign(new Error(), {code: 'EISDIR'});
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size > MAX_INPUT_BYTES) throw new Error(`file larger than ${MAX_INPUT_BYTES / 1048576} MB`);
    const bytes = await readFile(input);
    if (bytes.length === 0) throw new Error('empty file');
    return bytes;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error('no such file');
    if (code === 'EISDIR') throw new Error('is a folder, not an image');
    if (code === 'EACCES') throw new Error('permission denied');
    throw err;
  }
}

/** Why a fetch failed, in words: timeout, redirect loop, refused connection, unknown host. */
function fetchFailure(err: unknown, timeoutMs: number): Error {
  const e = err as Error & {cause?: Error & {code?: string}};
  if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError') return new Error(`no complete answer within ${timeoutMs / 1000} s`);
  const cause = e.cause?.message ?? e.message;
  if (/redirect count exceeded/i.test(cause)) return new Error('fetch failed: too many redirects (redirect loop)');
  if (e.cause?.code === 'ECONNREFUSED') return new Error('fetch failed: connection refused');
  if (e.cause?.code === 'ENOTFOUND') return new Error('fetch failed: unknown host');
  return new Error(`fetch failed: ${cause}`);
}

async function fetchBytes(url: string, timeoutMs: number): Promise<Buffer> {
  // One signal for the answer and the body: a server that sends headers and then stalls is cut too.
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {signal, redirect: 'follow'});
  } catch (err) {
    throw fetchFailure(err, timeoutMs);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
  }
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (/^text\/|^application\/(json|xhtml|xml)/.test(type)) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`not an image (the server sent ${type})`);
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_INPUT_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`response larger than ${MAX_INPUT_BYTES / 1048576} MB`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body ?? []) {
      total += chunk.length;
      if (total > MAX_INPUT_BYTES) throw new Error(`response larger than ${MAX_INPUT_BYTES / 1048576} MB`);
      chunks.push(chunk);
    }
  } catch (err) {
    if (signal.aborted) throw fetchFailure(signal.reason, timeoutMs);
    throw err;
  }
  if (total === 0) throw new Error('empty response');
  return Buffer.concat(chunks);
}
