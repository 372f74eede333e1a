/**
 * How sure a verification is: how unlikely it is that an unrelated photo's windows come as close
 * to these, given how often each of these windows agrees by chance (chance-rates.ts), mapped to 0..1.
 */
import {ChanceRates, RATED_DISTANCE} from './chance-rates.js';
import {FINE_DISTANCE, type Verdict} from './verify.js';

/**
 * A window's measured chance rate is multiplied by this: refinement picks the transform where the
 * most windows agree, and overlapping windows are not independent. Chosen with the threshold on the
 * accuracy bench's three query seeds (tests/bench/README.md, "Evidence from each window's own
 * chance rate"): 128 found the most with no wrong id or false flag on all three; 32 and 64 a
 * little less.
 */
export const RATE_INFLATION = 128;
/**
 * A fine window's measured chance rate (16-bit code, within FINE_DISTANCE) is multiplied by this.
 * Accuracy bench, three query seeds (tests/bench/README.md, "Verification-only fine windows"): 16
 * let one false flag through on one seed, 32 none on any, 64 found less.
 */
export const FINE_RATE_INFLATION = 64;
/** Surprise (-log10) at which confidence is 0.5; the default threshold 0.6 is then 27. */
export const HALF_CONFIDENCE_SURPRISE = 18;
/** Fewer windows than this agreeing within RATED_DISTANCE is no evidence at all. */
export const MIN_RATED_AGREEING = 3;

function log10Choose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log10((n - k + i) / i);
  return s;
}

/**
 * -log10 of the chance that unrelated windows agree as these do: the product of each agreeing
 * window's (inflated) chance rate at its distance, times the ways of choosing that many of the
 * windows checked (fine windows included). 0 when fewer than MIN_RATED_AGREEING agree within RATED_DISTANCE
 * (FINE_DISTANCE for a fine window).
 */
export function surpriseOf(v: Verdict, photo: number, rates: ChanceRates): number {
  let agreeing = 0;
  for (const d of v.distances) if (d <= RATED_DISTANCE) agreeing++;
  for (const d of v.fineDistances) if (d <= FINE_DISTANCE) agreeing++;
  // Counted first: most verdicts are chance candidates, and a window's rate costs a pass over the reference.
  if (agreeing < MIN_RATED_AGREEING) return 0;
  let surprise = 0;
  v.windows.forEach((w, j) => {
    const d = v.distances[j];
    if (d > RATED_DISTANCE) return;
    const p = Math.min(1, Math.max(rates.floor(w, photo), RATE_INFLATION * rates.rate(w, photo, d)));
    surprise -= Math.log10(p);
  });
  v.fineWindows.forEach((f, j) => {
    const d = v.fineDistances[j];
    if (d > FINE_DISTANCE) return;
    surprise -= Math.log10(Math.min(1, Math.max(rates.fineFloor(f, photo), FINE_RATE_INFLATION * rates.fineRate(f, photo, d))));
  });
  return Math.max(0, surprise - log10Choose(v.inside, agreeing));
}

export function confidenceOfSurprise(s: number): number {
  return s / (s + HALF_CONFIDENCE_SURPRISE);
}
