/** One decoded image in, the best stock-photo match (or why it was not checked) out. */
import {prepareQuery} from './fingerprint.js';
import type {RgbaImage} from './grey.js';
import {DEFAULT_THRESHOLD, type Match, type Matcher} from './matcher.js';

/**
 * Images smaller than this on a side are icons and spacers, not covers or profile pictures:
 * skipped rather than reported as errors.
 */
export const MIN_CHECK_SIDE = 48;
/**
 * Images longer than this many times their short side are dividers and strips, not covers (the
 * widest cover shape, a YouTube banner, is 6.2:1). Checking one would also cost the query grid
 * time and memory in proportion to the ratio: the query grid of a 60000x60 strip took 3.5 s, and the command 320 MB, before this.
 */
export const MAX_CHECK_ASPECT = 16;

export type CheckOutcome = {match: Match | null; skipped?: undefined} | {match: null; skipped: string};

/** Why an image is not checked (too small, too elongated), or null when it is checked. */
export function skipReason(img: RgbaImage): string | null {
  if (Math.min(img.width, img.height) < MIN_CHECK_SIDE) return `image too small to check (${img.width}x${img.height}, under ${MIN_CHECK_SIDE} px)`;
  if (Math.max(img.width, img.height) > MAX_CHECK_ASPECT * Math.min(img.width, img.height)) {
    return `image too elongated to check (${img.width}x${img.height}, over ${MAX_CHECK_ASPECT}:1)`;
  }
  return null;
}

export function checkPixels(matcher: Matcher, img: RgbaImage, threshold = DEFAULT_THRESHOLD): CheckOutcome {
  const skipped = skipReason(img);
  if (skipped) return {match: null, skipped};
  const [best] = matcher.match(prepareQuery(img), {threshold, limit: 1});
  return {match: best ?? null};
}
