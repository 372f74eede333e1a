/** Answers by image URL for the browser session: each image is fingerprinted once, even across worker restarts. */
import type {PhotoSet} from '../core/photo-set.js';
import type {Flag, Slot} from '../shared/flag.js';
import {timedCheck} from './step-timing.js';

/** `version` is the one the answer will be filed under (see CheckCacheDeps.version). */
export type Check = (url: string, pageUrl: string, slot: Slot, version: string) => Promise<Flag | null>;

/** storage.session subset (cleared by the browser at the end of the session, never written to disk). */
export interface SessionArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

type Answer = Omit<Flag, 'pageUrl' | 'slot'> | null;
interface Stored {
  /** What the answer depends on besides the image: threshold and indexes in use. */
  v: string;
  a: Answer;
}

const PREFIX = 'check:';
/**
 * Answers kept per session: ~0.4 KB each as JSON, so 2,000 use under 1 MB of storage.session's
 * 10 MB; past it the cache starts again rather than tracking an order it would have to persist.
 */
export const MAX_CACHED = 2000;

/**
 * Names the photo set a matcher searches: counts, first and last ids, and 16 window codes spread
 * over it. Stable across worker restarts (same indexes, same name) and taken from the matcher that
 * answers, so an answer given by the previous matcher while a new one is built is never filed
 * under the new one.
 */
export function setIdentity(set: Pick<PhotoSet, 'meta' | 'hi' | 'lo'>): string {
  const n = set.hi.length;
  const samples = Array.from({length: 16}, (_, i) => {
    const w = Math.floor((i * n) / 16);
    return n ? (set.hi[w] ^ set.lo[w]).toString(36) : '';
  });
  return [set.meta.length, n, set.meta[0]?.id ?? '', set.meta.at(-1)?.id ?? '', ...samples].join('/');
}

export interface CheckStats {
  /** checkImage requests that reached the cache. */
  requests: number;
  /** Of those, the URLs that were fetched and fingerprinted (the first MAX_CACHED, for tests and diagnosis). */
  fingerprinted: string[];
  /** Most requests being answered at the same time (the content scripts' queues bound it). */
  maxConcurrent: number;
}

export interface CheckCacheDeps {
  check: Check;
  /** Changes when the threshold or the indexes change, so older answers no longer count. */
  version(): Promise<string>;
  session?: SessionArea;
  /** Whether version() answers at once (the indexes are loaded); until then, prefetch is used. */
  ready?(): boolean;
  /** Starts downloading an image that a check will need (check-image.ts). */
  prefetch?(url: string): void;
}

export function createCheckCache(deps: CheckCacheDeps) {
  const memory = new Map<string, Stored>();
  const inFlight = new Map<string, Promise<Answer>>();
  const stats: CheckStats = {requests: 0, fingerprinted: [], maxConcurrent: 0};
  let concurrent = 0;
  let stored = -1; // entries in the session area; counted on first use

  async function fromSession(url: string, v: string): Promise<Stored | undefined> {
    const got: Record<string, unknown> = (await deps.session?.get([PREFIX + url]).catch(() => ({}))) ?? {};
    const raw = got[PREFIX + url] as Stored | undefined;
    return raw && raw.v === v ? raw : undefined;
  }

  async function save(url: string, entry: Stored) {
    memory.set(url, entry);
    if (memory.size > MAX_CACHED) memory.delete(memory.keys().next().value as string);
    const area = deps.session;
    if (!area) return;
    if (stored < 0) stored = Object.keys(await area.get(null).catch(() => ({}))).filter((k) => k.startsWith(PREFIX)).length;
    if (++stored > MAX_CACHED) {
      const all = Object.keys(await area.get(null).catch(() => ({}))).filter((k) => k.startsWith(PREFIX));
      await area.remove(all).catch(() => undefined);
      stored = 1;
    }
    await area.set({[PREFIX + url]: entry}).catch(() => undefined); // a full session area only costs a re-check
  }

  /** While the indexes load, downloads the image meanwhile, unless this session already answered for it. */
  async function prefetchIfNew(url: string): Promise<void> {
    if (!deps.prefetch || memory.has(url)) return;
    const got = (await deps.session?.get([PREFIX + url]).catch(() => ({}))) ?? {};
    if (!(PREFIX + url in got)) deps.prefetch(url);
  }

  async function answer(url: string, pageUrl: string, slot: Slot, v: string): Promise<Answer> {
    const known = memory.get(url);
    if (known?.v === v) return known.a;
    const kept = await fromSession(url, v);
    if (kept) {
      memory.set(url, kept);
      return kept.a;
    }
    if (stats.fingerprinted.length < MAX_CACHED) stats.fingerprinted.push(url);
    const flag = await deps.check(url, pageUrl, slot, v);
    const a: Answer = flag && {imageUrl: flag.imageUrl, meta: flag.meta, score: flag.score, region: flag.region};
    await save(url, {v, a});
    return a;
  }

  return {
    stats,
    /** Same contract as check(); failures are not cached (the next request tries again). */
    async check(url: string, pageUrl: string, slot: Slot): Promise<Flag | null> {
      const n = ++stats.requests;
      stats.maxConcurrent = Math.max(stats.maxConcurrent, ++concurrent);
      try {
        if (deps.ready && !deps.ready()) void prefetchIfNew(url);
        // On a worker's first request this waits for the indexes to load.
        const v = await timedCheck(n, 'version', () => deps.version(), 'request');
        const key = `${v}\n${url}`;
        let pending = inFlight.get(key);
        if (!pending) {
          pending = answer(url, pageUrl, slot, v).finally(() => inFlight.delete(key));
          inFlight.set(key, pending);
        }
        const a = await pending;
        return a && {...a, pageUrl, slot};
      } finally {
        concurrent--;
      }
    },
  };
}
