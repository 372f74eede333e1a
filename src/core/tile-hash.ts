/**
 * The 64-bit perceptual hash of one window: a 16x16 grid of block means, its 64 lowest-frequency
 * DCT coefficients (zigzag order, DC excluded), each compared with their median.
 *
 * Chosen by measurement over two cheaper variants (tests/bench/README.md): comparing 8x8 block
 * means with their median (blockhash-style) lets unrelated windows agree 2.2% of the time at 12
 * bits, so smooth photos vouched for each other and the held-out set drew 44 false flags in 160
 * queries; the DCT code's chance agreement is about 0.01% at 12 bits, and false flags fell to 0.
 * Any monotonic change of brightness barely moves the coefficients' signs relative to their median.
 */
import type {Integral} from './integral.js';
import {createWindowDct, type WindowDct} from './window-dct.js';

/** Block grid the DCT runs on. */
const N = 16;
/** Blocks per window side: a window's grid has GRID + 1 corners per side. */
export const GRID = N;
/** Frequencies tabulated per axis: enough for the 64 lowest zigzag coefficients (v reaches 10). */
const FREQS = 12;
const BITS = 64;

/** A 64-bit code as two unsigned 32-bit halves (JS bit operations are 32-bit). */
export interface Code64 {
  hi: number;
  lo: number;
}

const COS = new Float64Array(FREQS * N);
for (let u = 0; u < FREQS; u++) for (let c = 0; c < N; c++) COS[u * N + c] = Math.cos(((2 * c + 1) * u * Math.PI) / (2 * N));

/** (u, v) of the 64 lowest-frequency coefficients after DC, by u + v then u. */
const ZIGZAG_U = new Uint8Array(BITS);
const ZIGZAG_V = new Uint8Array(BITS);
{
  const all: [number, number][] = [];
  for (let u = 0; u < FREQS; u++) for (let v = 0; v < FREQS; v++) if (u + v > 0) all.push([u, v]);
  all.sort((a, b) => a[0] + a[1] - (b[0] + b[1]) || a[0] - b[0]);
  all.slice(0, BITS).forEach(([u, v], k) => {
    ZIGZAG_U[k] = u;
    ZIGZAG_V[k] = v;
  });
}
/** Horizontal frequencies the 64 coefficients use (0..9): the row pass computes no others. */
const ROW_FREQS = Math.max(...ZIGZAG_U) + 1;

/** The DCT's tables, as the WebAssembly module and the tests' TypeScript reference both use them. */
export const DCT_TABLES = {cos: COS, zigzagU: ZIGZAG_U, zigzagV: ZIGZAG_V, rowFreqs: ROW_FREQS} as const;

let shared: WindowDct | undefined;

/**
 * The realm's one WebAssembly instance, compiled on first use. Hashing is synchronous, so every
 * TileHasher shares its corner scratch: a hasher writes the corners and reads the code back
 * within one call.
 */
export function sharedWindowDct(): WindowDct {
  return (shared ??= createWindowDct(COS, ZIGZAG_U, ZIGZAG_V, ROW_FREQS));
}

/** Reusable scratch so hashing thousands of windows per query allocates nothing. */
export class TileHasher {
  /**
   * The WebAssembly module, fetched on the first hash, not when a hasher is made: core modules make
   * hashers at load, and an extension worker must register its event listeners first thing.
   */
  private module: WindowDct | undefined;
  private get dct(): WindowDct {
    return (this.module ??= sharedWindowDct());
  }
  /** The grid corners of the window being hashed: the WebAssembly module's own scratch. */
  private get corners(): Float64Array {
    return this.dct.corners;
  }
  private readonly colIndex = new Int32Array(N + 1);
  private readonly colFrac = new Float64Array(N + 1);
  private readonly rowIndex = new Int32Array(N + 1);
  private readonly rowFrac = new Float64Array(N + 1);

  /**
   * Hashes the window (x, y, w, h) of `ii` into `out` and returns its contrast: the standard
   * deviation of the block means, in grey levels. Flat windows (sky, walls) give noise bits, so
   * callers skip windows whose contrast is under `minContrast`; for those the DCT is not computed
   * and `out` is left as it was.
   */
  hash(ii: Integral, x: number, y: number, w: number, h: number, out: Code64, minContrast = 0): number {
    this.gridSums(ii, x, y, w, h);
    return this.fromCorners((w / N) * (h / N), out, minContrast);
  }

  /**
   * hash() for a window whose grid corners lie on `lattice`: integral values at a regular lattice
   * of the window's block size (`cols` per row), the window's top-left corner at (col, row). A
   * query's windows of one size step by two blocks, so they share corners: the lattice is
   * interpolated once per size instead of 289 corners per window.
   */
  hashOnLattice(lattice: Float64Array, cols: number, col: number, row: number, blockArea: number, out: Code64, minContrast = 0): number {
    const {corners} = this;
    for (let r = 0; r <= N; r++) {
      const from = (row + r) * cols + col;
      for (let c = 0; c <= N; c++) corners[r * (N + 1) + c] = lattice[from + c];
    }
    return this.fromCorners(blockArea, out, minContrast);
  }

  /** The code and contrast from the grid corners in `corners`, each block `area` pixels. */
  private fromCorners(area: number, out: Code64, minContrast: number): number {
    const contrast = this.dct.fromCorners(area, minContrast);
    if (contrast >= minContrast) {
      out.hi = this.dct.out[0];
      out.lo = this.dct.out[1];
    }
    return contrast;
  }

  /**
   * Integral values at the (N+1)^2 grid corners, bilinearly interpolated (exact for a
   * piecewise-constant image); row and column lookups are shared across the grid.
   */
  private gridSums(ii: Integral, x: number, y: number, w: number, h: number): void {
    const {colIndex, colFrac, rowIndex, rowFrac, corners} = this;
    const stride = ii.width + 1;
    for (let i = 0; i <= N; i++) {
      const cx = Math.min(Math.max(x + (w * i) / N, 0), ii.width);
      const x0 = Math.min(Math.floor(cx), ii.width - 1);
      colIndex[i] = x0;
      colFrac[i] = cx - x0;
      const cy = Math.min(Math.max(y + (h * i) / N, 0), ii.height);
      const y0 = Math.min(Math.floor(cy), ii.height - 1);
      rowIndex[i] = y0 * stride;
      rowFrac[i] = cy - y0;
    }
    const s = ii.sums;
    for (let r = 0; r <= N; r++) {
      const row = rowIndex[r];
      const fy = rowFrac[r];
      for (let c = 0; c <= N; c++) {
        const k = row + colIndex[c];
        const fx = colFrac[c];
        const a = s[k];
        const b = s[k + 1];
        const cc = s[k + stride];
        const d = s[k + stride + 1];
        corners[r * (N + 1) + c] = a + (b - a) * fx + (cc - a) * fy + (a - b - cc + d) * fx * fy;
      }
    }
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

/**
 * A fine window's code (tile-layout.ts, FINE_LEVEL_HEIGHT): the 16 lowest-frequency bits of its
 * 64-bit code, the top half of `hi` (zigzag order). Fine windows are only verified, never looked
 * up, so a few bits do: an agreeing one is weighed by its own chance rate (chance-rates.ts). Two
 * bytes instead of eight let the level fit the 2 KB budget (tests/bench/README.md).
 */
export const fineCodeOf = (hi: number) => hi >>> 16;

/** Hamming distance between two 16-bit fine codes. */
export const fineDistance = (a: number, b: number) => popcount32((a ^ b) & 0xffff);
