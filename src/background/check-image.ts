/** One image URL -> flag or null: fetch, decode, fingerprint, match; matched one at a time. */
import type {RgbaImage} from '../core/grey.js';
import {skipReason} from '../core/check-pixels.js';
import {prepareQuery, type QueryPrint} from '../core/fingerprint.js';
import type {Match} from '../core/matcher.js';
import type {Flag, Slot} from '../shared/flag.js';
import {createCpuTurns, type CpuTurns} from './cpu-turns.js';
import {ImageSkipped} from './image-decode.js';
import {mergeMatches, type IndexSearch} from './index-search.js';
import {timedCheck} from './step-timing.js';

export interface CheckDeps {
  fetchImage(url: string): Promise<Blob>;
  decode(blob: Blob): Promise<RgbaImage>;
  search(): Promise<IndexSearch>;
  threshold(): Promise<number>;
}

type Found = Omit<Flag, 'pageUrl' | 'slot'> | null;

/**
 * Downloads started ahead (see prefetch): at most this many (the first ones a page asks for), each
 * dropped after EARLY_TTL_MS if no check took it (the indexes failed to load, say).
 */
const MAX_EARLY = 16;
const EARLY_TTL_MS = 60_000;

/** Answers are kept by check-cache.ts (per URL, threshold and indexes, for the session): none here. */
/** `turns`: shared with the handlers, which hold the others while a cover's check is in flight. */
export function createChecker(deps: CheckDeps, turns: CpuTurns = createCpuTurns()) {
  // Matching is CPU-bound: one at a time keeps a page with 50 images from starving the worker,
  // and the cover goes first (cpu-turns.ts).
  let checks = 0;
  const early = new Map<string, Promise<Blob>>();

  /** Decode, fingerprint and the loaded indexes' answer: the CPU-bound part, one check at a time. */
  async function analyse(n: number, blob: Blob, threshold: number): Promise<{q: QueryPrint; search: IndexSearch; loaded: Match[]} | null> {
    let img: RgbaImage;
    try {
      img = await timedCheck(n, 'decode', () => deps.decode(blob));
    } catch (err) {
      // Icons, spacers and SVG drawings: nothing to check, and nothing wrong to report either.
      if (err instanceof ImageSkipped) return null;
      throw err;
    }
    const search = await timedCheck(n, 'search', () => deps.search());
    // The same per-image rule as the CLI: icons are skipped, not matched.
    if (skipReason(img)) return null;
    return timedCheck(n, 'match', async () => {
      const q = prepareQuery(img);
      return {q, search, loaded: search.loaded ? search.loaded.match(q, {threshold, limit: 1}) : []};
    });
  }

  /** Downloads run side by side (a stalled server must not hold the others); decoding and matching one at a time. */
  async function run(url: string, slot: Slot, threshold: number): Promise<Found> {
    const n = ++checks;
    const ahead = early.get(url);
    early.delete(url);
    const blob = await timedCheck(n, 'fetch', () => ahead ?? deps.fetchImage(url));
    const done = await turns.run(slot, () => analyse(n, blob, threshold));
    if (!done) return null;
    // Large indexes answer after their next pass over the file, outside the turn: the other
    // images' checks meanwhile reach the same pass (index-search.ts).
    const streamed = await Promise.all(done.search.streamed.map((s) => timedCheck(n, 'stream', () => s.match(done.q, {threshold, limit: 1}))));
    const [best] = mergeMatches([done.loaded, ...streamed], 1);
    if (!best) return null;
    return {imageUrl: url, meta: best.meta, score: best.score, region: best.region};
  }

  async function check(url: string, pageUrl: string, slot: Slot): Promise<Flag | null> {
    const flag = await run(url, slot, await deps.threshold());
    return flag && {...flag, pageUrl, slot};
  }

  /**
   * Starts downloading `url` for a check that will come once the indexes are loaded: on the first
   * page after a browser start the download then overlaps the index load instead of following it.
   */
  function prefetch(url: string): void {
    if (early.has(url) || early.size >= MAX_EARLY) return;
    const blob = deps.fetchImage(url);
    blob.catch(() => undefined); // reported by the check that takes it, if one does
    early.set(url, blob);
    setTimeout(() => early.get(url) === blob && early.delete(url), EARLY_TTL_MS);
  }

  return Object.assign(check, {prefetch});
}
