/**
 * The window hash's arithmetic as it was written in TypeScript before it moved to WebAssembly
 * (src/core/wasm/window-dct.wat): the reference the module must match bit for bit, so that every
 * index built before the move stays valid.
 */
import {DCT_TABLES, type Code64} from '../../src/core/tile-hash.js';

const N = 16;
const FREQS = 12;
const BITS = 64;
// tile-hash.ts's own tables (the module gets them from there too); its textbook-DCT test checks them.
const {cos: COS, zigzagU: ZIGZAG_U, zigzagV: ZIGZAG_V, rowFreqs: ROW_FREQS} = DCT_TABLES;

/** The code and contrast from the grid corners in `corners`, each block `area` pixels. */
export function referenceFromCorners(corners: Float64Array, area: number, out: Code64, minContrast: number): number {
  const blocks = new Float64Array(N * N);
  const rowFreq = new Float64Array(N * FREQS);
  const coefs = new Float64Array(BITS);
  const sorted = new Float64Array(BITS);
  let sum = 0;
  let sum2 = 0;
  for (let r = 0; r < N; r++) {
    for (let c = 0; c < N; c++) {
      const i = r * (N + 1) + c;
      const m = (corners[i + N + 2] - corners[i + 1] - corners[i + N + 1] + corners[i]) / area;
      blocks[r * N + c] = m;
      sum += m;
      sum2 += m * m;
    }
  }
  const mean = sum / (N * N);
  const contrast = Math.sqrt(Math.max(0, sum2 / (N * N) - mean * mean));
  if (contrast < minContrast) return contrast;
  // cos((2c+1)u.pi/2N) is symmetric in c <-> N-1-c for even u and antisymmetric for odd u, so
  // each transform runs on half-length sums (even u) or differences (odd u): half the products.
  const folded = new Float64Array(N);
  for (let r = 0; r < N; r++) {
    fold(blocks, r * N, 1, folded);
    for (let u = 0; u < ROW_FREQS; u++) rowFreq[r * FREQS + u] = halfDot(folded, u, COS, u * N);
  }
  const colFolds = Array.from({length: FREQS}, () => new Float64Array(N));
  for (let u = 0; u < ROW_FREQS; u++) fold(rowFreq, u, FREQS, colFolds[u]);
  for (let k = 0; k < BITS; k++) {
    const v = ZIGZAG_V[k];
    const a = halfDot(colFolds[ZIGZAG_U[k]], v, COS, v * N);
    coefs[k] = a;
    sorted[k] = a;
  }
  // After selecting the 32nd smallest, everything after it is at least as large (selectKth):
  // the 33rd smallest is their minimum, no second selection needed.
  const lower = selectKth(sorted, BITS / 2 - 1);
  let upper = sorted[BITS / 2];
  for (let i = BITS / 2 + 1; i < BITS; i++) if (sorted[i] < upper) upper = sorted[i];
  const median = (lower + upper) / 2;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 32; i++) {
    if (coefs[i] > median) hi |= 1 << (31 - i);
    if (coefs[i + 32] > median) lo |= 1 << (31 - i);
  }
  out.hi = hi >>> 0;
  out.lo = lo >>> 0;
  return contrast;
}

const HALF = N / 2;

/** out[0..HALF) = sums x[c] + x[N-1-c], out[HALF..N) = differences, of x[start + c * step]. */
function fold(x: Float64Array, start: number, step: number, out: Float64Array): void {
  for (let c = 0; c < HALF; c++) {
    const a = x[start + c * step];
    const b = x[start + (N - 1 - c) * step];
    out[c] = a + b;
    out[HALF + c] = a - b;
  }
}

/** The DCT sum at frequency u from folded input: sums for even u, differences for odd u. */
function halfDot(folded: Float64Array, u: number, cos: Float64Array, at: number): number {
  const base = u & 1 ? HALF : 0;
  let a = 0;
  for (let c = 0; c < HALF; c++) a += folded[base + c] * cos[at + c];
  return a;
}

/**
 * k-th smallest value (quickselect, reorders `a`): a full sort per window cost a third of the hash.
 * On return a[0..k) are at most a[k] and a[k+1..) at least a[k] (Hoare partitions around it).
 */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
