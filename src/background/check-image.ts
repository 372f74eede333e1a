/** One image URL -> flag or null: fetch, decode, fingerprint, match; matched one at a time. */
import type {RgbaImage} from '../core/grey.js';
import {checkPixels} from '../core/check-pixels.js';
import type {Matcher} from '../core/matcher.js';
import type {Flag, Slot} from '../shared/flag.js';
import {ImageSkipped} from './image-decode.js';

export interface CheckDeps {
  fetchImage(url: string): Promise<Blob>;
  decode(blob: Blob): Promise<RgbaImage>;
  matcher(): Promise<Matcher>;
  threshold(): Promise<number>;
}

type Found = Omit<Flag, 'pageUrl' | 'slot'> | null;

/** Answers are kept by check-cache.ts (per URL, threshold and indexes, for the session): none here. */
export function createChecker(deps: CheckDeps) {
  // Matching is CPU-bound: one at a time keeps a page with 50 images from starving the worker.
  let queue: Promise<unknown> = Promise.resolve();

  async function analyse(url: string, blob: Blob, threshold: number): Promise<Found> {
    let img: RgbaImage;
    try {
      img = await deps.decode(blob);
    } catch (err) {
      // Icons, spacers and SVG drawings: nothing to check, and nothing wrong to report either.
      if (err instanceof ImageSkipped) return null;
      throw err;
    }
    const matcher = await deps.matcher();
    // The same per-image rule as the CLI: icons are skipped, not matched.
    const best = checkPixels(matcher, img, threshold).match;
    if (!best) return null;
    return {imageUrl: url, meta: best.meta, score: best.score, region: best.region};
  }

  /** Downloads run side by side (a stalled server must not hold the others); decoding and matching one at a time. */
  async function run(url: string, threshold: number): Promise<Found> {
    const blob = await deps.fetchImage(url);
    const done = queue.then(() => analyse(url, blob, threshold));
    queue = done.catch(() => undefined);
    return done;
  }

  return async function check(url: string, pageUrl: string, slot: Slot): Promise<Flag | null> {
    const flag = await run(url, await deps.threshold());
    return flag && {...flag, pageUrl, slot};
  };
}
