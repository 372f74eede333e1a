/** The 64-bit perceptual hash of one window: an 8x8 grid of block means, each compared to their median. */
import {sumTo, type Integral} from './integral.js';

export const GRID = 8;
const ZU: number[] = [], ZV: number[] = [];
{ const all: [number, number][] = []; for (let u = 0; u < 12; u++) for (let v = 0; v < 12; v++) if (u + v > 0) all.push([u, v]);
  all.sort((a, b) => a[0] + a[1] - b[0] - b[1] || a[0] - b[0]); for (const [u, v] of all.slice(0, 64)) { ZU.push(u); ZV.push(v); } }
const COS = new Float64Array(12 * 16);
for (let u = 0; u < 12; u++) for (let c = 0; c < 16; c++) COS[u * 16 + c] = Math.cos(((2 * c + 1) * u * Math.PI) / 32);
const BLOCKS = GRID * GRID;

/** A 64-bit code as two unsigned 32-bit halves (JS bit operations are 32-bit). */
export interface Code64 {
  hi: number;
  lo: number;
}

/** Reusable scratch so hashing hundreds of windows per query allocates nothing. */
export class TileHasher {
  private readonly corners = new Float64Array((GRID + 1) * (GRID + 1));
  private readonly means = new Float64Array(BLOCKS);
  private readonly sorted = new Float64Array(BLOCKS);
  private readonly xs = new Float64Array(GRID + 1);
  private readonly ys = new Float64Array(GRID + 1);

  /**
   * Hashes the window (x, y, w, h) of `ii` into `out` and returns its contrast: the inter-quartile
   * spread of the block means, in grey levels. Flat windows (sky, walls) give noise bits, so callers
   * skip windows whose contrast is low.
   * Bits compare each block with the median of all 64 (not per band as blockhash does): any
   * monotonic change of brightness (tint, grey, gamma, recompression) leaves the order, and so the
   * bits, intact.
   */
  static mode = process.env.HASH_MODE ?? 'mean';
  private readonly fine = new Float64Array(17 * 17);
  private readonly fineMeans = new Float64Array(256);
  private readonly tmp = new Float64Array(16 * 8);
  private readonly coefs = new Float64Array(64);
  private readonly sortedCoefs = new Float64Array(64);

  hash(ii: Integral, x: number, y: number, w: number, h: number, out: Code64): number {
    const c = this.hashMean(ii, x, y, w, h, out);
    if (TileHasher.mode === 'dct') this.hashDct(ii, x, y, w, h, out);
    if (TileHasher.mode === 'dctz') this.hashDctZ(ii, x, y, w, h, out);
    return c;
  }

  hashDct(ii: Integral, x: number, y: number, w: number, h: number, out: Code64): void {
    const N = 16;
    const {fine, fineMeans, tmp, coefs, sortedCoefs} = this;
    for (let r = 0; r <= N; r++) for (let c = 0; c <= N; c++) fine[r * 17 + c] = sumTo(ii, x + (w * c) / N, y + (h * r) / N);
    for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) { const i = r * 17 + c; fineMeans[r * N + c] = fine[i + 18] - fine[i + 1] - fine[i + 17] + fine[i]; }
    // rows: 16 -> 8 freqs
    for (let r = 0; r < N; r++) for (let u = 0; u < 8; u++) { let a = 0; for (let c = 0; c < N; c++) a += fineMeans[r * N + c] * COS[u * N + c]; tmp[r * 8 + u] = a; }
    for (let v = 0; v < 8; v++) for (let u = 0; u < 8; u++) { let a = 0; for (let r = 0; r < N; r++) a += tmp[r * 8 + u] * COS[v * N + r]; coefs[v * 8 + u] = a; }
    coefs[0] = 0;
    sortedCoefs.set(coefs); sortedCoefs.sort();
    const median = (sortedCoefs[31] + sortedCoefs[32]) / 2;
    let hi = 0, lo = 0;
    for (let i = 0; i < 32; i++) { if (coefs[i] > median) hi |= 1 << (31 - i); if (coefs[i + 32] > median) lo |= 1 << (31 - i); }
    out.hi = hi >>> 0; out.lo = lo >>> 0;
  }

  private readonly tmpz = new Float64Array(16 * 12);
  hashDctZ(ii: Integral, x: number, y: number, w: number, h: number, out: Code64): void {
    const N = 16;
    const {fine, fineMeans, tmpz, coefs, sortedCoefs} = this;
    for (let r = 0; r <= N; r++) for (let c = 0; c <= N; c++) fine[r * 17 + c] = sumTo(ii, x + (w * c) / N, y + (h * r) / N);
    for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) { const i = r * 17 + c; fineMeans[r * N + c] = fine[i + 18] - fine[i + 1] - fine[i + 17] + fine[i]; }
    for (let r = 0; r < N; r++) for (let u = 0; u < 12; u++) { let a = 0; for (let c = 0; c < N; c++) a += fineMeans[r * N + c] * COS[u * N + c]; tmpz[r * 12 + u] = a; }
    for (let k = 0; k < 64; k++) { const u = ZU[k], v = ZV[k]; let a = 0; for (let r = 0; r < N; r++) a += tmpz[r * 12 + u] * COS[v * N + r]; coefs[k] = a; }
    sortedCoefs.set(coefs); sortedCoefs.sort();
    const median = (sortedCoefs[31] + sortedCoefs[32]) / 2;
    let hi = 0, lo = 0;
    for (let i = 0; i < 32; i++) { if (coefs[i] > median) hi |= 1 << (31 - i); if (coefs[i + 32] > median) lo |= 1 << (31 - i); }
    out.hi = hi >>> 0; out.lo = lo >>> 0;
  }

  hashMean(ii: Integral, x: number, y: number, w: number, h: number, out: Code64): number {
    const {corners, means, sorted, xs, ys} = this;
    for (let i = 0; i <= GRID; i++) {
      xs[i] = x + (w * i) / GRID;
      ys[i] = y + (h * i) / GRID;
    }
    for (let r = 0; r <= GRID; r++) {
      for (let c = 0; c <= GRID; c++) corners[r * (GRID + 1) + c] = sumTo(ii, xs[c], ys[r]);
    }
    const area = (w / GRID) * (h / GRID);
    for (let r = 0; r < GRID; r++) {
      for (let c = 0; c < GRID; c++) {
        const i = r * (GRID + 1) + c;
        const m = (corners[i + GRID + 2] - corners[i + 1] - corners[i + GRID + 1] + corners[i]) / area;
        means[r * GRID + c] = m;
        sorted[r * GRID + c] = m;
      }
    }
    if (TileHasher.mode === 'resid') {
      // least-squares plane over the 8x8 grid (coordinates centred: -3.5..3.5)
      let sum = 0, sx = 0, sy = 0;
      for (let r = 0; r < GRID; r++) for (let c = 0; c < GRID; c++) { const m = means[r * GRID + c]; sum += m; sx += m * (c - 3.5); sy += m * (r - 3.5); }
      const a = sum / 64, b = sx / 336, cc = sy / 336; // sum of (c-3.5)^2 over grid = 8*42 = 336
      for (let r = 0; r < GRID; r++) for (let c = 0; c < GRID; c++) { const i = r * GRID + c; means[i] -= a + b * (c - 3.5) + cc * (r - 3.5); sorted[i] = means[i]; }
    }
    sorted.sort();
    const median = (sorted[BLOCKS / 2 - 1] + sorted[BLOCKS / 2]) / 2;
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < 32; i++) {
      if (means[i] > median) hi |= 1 << (31 - i);
      if (means[i + 32] > median) lo |= 1 << (31 - i);
    }
    out.hi = hi >>> 0;
    out.lo = lo >>> 0;
    return sorted[(3 * BLOCKS) / 4] - sorted[BLOCKS / 4];
  }
}

/** Number of set bits in a 32-bit integer (SWAR popcount). */
export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function hamming64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return popcount32((aHi ^ bHi) >>> 0) + popcount32((aLo ^ bLo) >>> 0);
}
