/** One decoded image in, the best stock-photo match (or why it was not checked) out. */
import {prepareQuery} from './fingerprint.js';
import type {RgbaImage} from './grey.js';
import {DEFAULT_THRESHOLD, type Match, type Matcher} from './matcher.js';

/**
 * Images smaller than this on a side are icons and spacers, not covers or profile pictures:
 * skipped rather than reported as errors.
 */
export const MIN_CHECK_SIDE = 48;

export type CheckOutcome = {match: Match | null; skipped?: undefined} | {match: null; skipped: string};

export function checkPixels(matcher: Matcher, img: RgbaImage, threshold = DEFAULT_THRESHOLD): CheckOutcome {
  if (Math.min(img.width, img.height) < MIN_CHECK_SIDE) {
    return {match: null, skipped: `image too small to check (${img.width}x${img.height}, under ${MIN_CHECK_SIDE} px)`};
  }
  const [best] = matcher.match(prepareQuery(img), {threshold, limit: 1});
  return {match: best ?? null};
}
