/**
 * How sure a verification is: the chance that an unrelated photo would agree on at least this many
 * of the windows checked, as a binomial tail, mapped to 0..1.
 */

/**
 * Assumed probability that one window of an unrelated photo agrees at VERIFY_DISTANCE. Random
 * window pairs of different photos agree 0.39% of the time (measured, tests/bench/README.md); this
 * is set about 5 times higher because refinement picks the best-agreeing transform and overlapping
 * windows are not independent. The threshold on the result was then chosen by the corpus sweep.
 */
export const CHANCE_AGREEMENT = 0.02;
/** -log10(tail) at which confidence is 0.5. */
export const HALF_CONFIDENCE_SURPRISE = 10;

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

/** -log10 P(X >= k) for X ~ Binomial(n, p). */
export function surprise(k: number, n: number, p = CHANCE_AGREEMENT): number {
  if (k <= 0) return 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let max = -Infinity;
  const terms: number[] = [];
  for (let i = k; i <= n; i++) {
    const t = logChoose(n, i) + i * lp + (n - i) * lq;
    terms.push(t);
    if (t > max) max = t;
  }
  const sum = terms.reduce((acc, t) => acc + Math.exp(t - max), 0);
  return -(max + Math.log(sum)) / Math.LN10;
}

export function confidenceOf(agreeing: number, inside: number): number {
  const s = surprise(agreeing, inside);
  return s / (s + HALF_CONFIDENCE_SURPRISE);
}
