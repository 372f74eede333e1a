/** Fingerprints: a stock photo's window hashes for the index, and a query image's searchable form. */
import {greyAtSize, type RgbaImage} from './grey.js';
import {integralImage, sumTo, type Integral} from './integral.js';
import {fineCodeOf, GRID, TileHasher, type Code64} from './tile-hash.js';
import {fineSlots, LEVEL_HEIGHTS, tileSlots, workSize, TILE_ASPECT, WORK_SHORT_SIDE, type Rect} from './tile-layout.js';

/**
 * Windows whose 16x16 block means spread less than this (standard deviation, grey levels) are flat:
 * their bits follow noise, vignetting and JPEG artefacts, so they are neither indexed nor looked
 * up. Measured on the full corpus (tests/bench/README.md): 3 let plain-background product photos
 * vouch for each other (8 false flags in 388 held-out queries), 6 gave 5 with the same 87.1%
 * recall, 10 gave 9 and 85.5%.
 */
export const FLAT_CONTRAST = 6;

/** Bumped whenever any change makes fingerprints differ: indexes record it and refuse a mismatch. */
export const FINGERPRINT_VERSION = 3;

export interface PhotoPrint {
  /** Size of the source image in pixels (regions are reported in these). */
  width: number;
  height: number;
  /** Working size the windows were laid out on (see tileSlots). */
  workW: number;
  workH: number;
  /** Slot number of each kept window, ascending. */
  slots: Uint16Array;
  hi: Uint32Array;
  lo: Uint32Array;
  /** The fine level's kept windows: slot numbers (see fineSlots), ascending, and 16-bit codes. */
  fineSlots: Uint16Array;
  fine: Uint16Array;
}

export function fingerprintPhoto(img: RgbaImage): PhotoPrint {
  const {workW, workH} = workSize(img.width, img.height);
  const ii = integralImage(greyAtSize(img, workW, workH));
  const hasher = new TileHasher();
  const coarse = hashSlots(hasher, ii, tileSlots(workW, workH));
  const fine = hashSlots(hasher, ii, fineSlots(workW, workH));
  return {
    width: img.width,
    height: img.height,
    workW,
    workH,
    slots: Uint16Array.from(coarse.slots),
    hi: Uint32Array.from(coarse.hi),
    lo: Uint32Array.from(coarse.lo),
    fineSlots: Uint16Array.from(fine.slots),
    fine: Uint16Array.from(fine.hi, fineCodeOf),
  };
}

/** The codes of the slots that are not flat (FLAT_CONTRAST), with their slot numbers. */
function hashSlots(hasher: TileHasher, ii: Integral, slots: Rect[]): {slots: number[]; hi: number[]; lo: number[]} {
  const code: Code64 = {hi: 0, lo: 0};
  const out = {slots: [] as number[], hi: [] as number[], lo: [] as number[]};
  slots.forEach((r, slot) => {
    if (hasher.hash(ii, r.x, r.y, r.w, r.h, code, FLAT_CONTRAST) < FLAT_CONTRAST) return;
    out.slots.push(slot);
    out.hi.push(code.hi);
    out.lo.push(code.lo);
  });
  return out;
}

/**
 * The query's window sizes: the largest fill QUERY_FILL of the query's height, then smaller ones
 * QUERY_SIZE_STEPS to the octave (2^(1/12), so any index window meets a query window within 3% of
 * its size) over QUERY_OCTAVES octaves. Measured on 80 indexed photos (tests/bench/README.md):
 * 1 octave found 77.5% of covers, 1.5 octaves 95.0% (smaller windows fit between text boxes and
 * inside thin strips); 2 octaves added nothing for more windows.
 */
export const QUERY_FILL = 0.95;
export const QUERY_SIZE_STEPS = 12;
export const QUERY_OCTAVES = 1.5;
/** Query windows step by this fraction of their size: at most 6.25% misalignment to any index window. */
export const QUERY_STEP = 1 / 8;
/** The query is resampled so that min(height, width / TILE_ASPECT) is this many pixels. */
export const QUERY_BASE = 128;

export interface QueryWindow {
  x: number;
  y: number;
  w: number;
  h: number;
  hi: number;
  lo: number;
}

export interface QueryPrint {
  width: number;
  height: number;
  workW: number;
  workH: number;
  integral: Integral;
  windows: QueryWindow[];
}

/** Query windows step by this many of their blocks: QUERY_STEP of the window. */
const BLOCK_STEP = QUERY_STEP * GRID;
if (!Number.isInteger(BLOCK_STEP)) throw new Error('QUERY_STEP must be a whole number of blocks (hashOnLattice)');

/** Integral values at every multiple of (bw, bh) that a window of that block size can reach. */
function blockLattice(ii: Integral, bw: number, bh: number): {sums: Float64Array; cols: number} {
  const cols = Math.floor((ii.width + 1e-6) / bw) + 1;
  const rows = Math.floor((ii.height + 1e-6) / bh) + 1;
  const sums = new Float64Array(cols * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) sums[r * cols + c] = sumTo(ii, c * bw, r * bh);
  return {sums, cols};
}

export function prepareQuery(img: RgbaImage): QueryPrint {
  const base = Math.min(img.height, img.width / TILE_ASPECT);
  const scale = QUERY_BASE / base;
  const workW = Math.max(1, Math.round(img.width * scale));
  const workH = Math.max(1, Math.round(img.height * scale));
  const integral = integralImage(greyAtSize(img, workW, workH));
  const hMax = QUERY_FILL * Math.min(workH, workW / TILE_ASPECT);
  const steps = Array.from({length: QUERY_SIZE_STEPS * QUERY_OCTAVES}, (_, k) => k);
  return {width: img.width, height: img.height, workW, workH, integral, windows: hashSizes(integral, hMax, steps)};
}

/**
 * The query windows of each size step k (height hMax * 2^(-k/12)). Windows of one size start every
 * BLOCK_STEP blocks, so all their grid corners lie on one lattice of the block size: interpolated
 * once per size, not per window (hashOnLattice).
 */
function hashSizes(integral: Integral, hMax: number, steps: number[]): QueryWindow[] {
  const hasher = new TileHasher();
  const code: Code64 = {hi: 0, lo: 0};
  const windows: QueryWindow[] = [];
  const workW = integral.width;
  const workH = integral.height;
  for (const k of steps) {
    const h = hMax * 2 ** (-k / QUERY_SIZE_STEPS);
    const w = h * TILE_ASPECT;
    const bw = w / GRID;
    const bh = h / GRID;
    const lattice = blockLattice(integral, bw, bh);
    for (let row = 0; (row + GRID) * bh <= workH + 1e-6; row += BLOCK_STEP) {
      for (let col = 0; (col + GRID) * bw <= workW + 1e-6; col += BLOCK_STEP) {
        if (hasher.hashOnLattice(lattice.sums, lattice.cols, col, row, bw * bh, code, FLAT_CONTRAST) < FLAT_CONTRAST) continue;
        windows.push({x: col * bw, y: row * bh, w, h, hi: code.hi, lo: code.lo});
      }
    }
  }
  return windows;
}

/**
 * A query whose largest possible scale in a 3:2 photo (photo working pixels per query pixel) is at
 * least this can show most of a photo (a 16:9 banner, a 3:2 photo re-posted); at such scales the
 * index's smallest windows fall below the query's smallest (see smallWindowQuery).
 */
export const SMALL_WINDOWS_FROM_SCALE = 1.3;
/** The photo shape that scale is reckoned in: 3:2 landscape, the usual stock photo. */
const LANDSCAPE_ASPECT = 1.5;
/**
 * Only images at least this wide get the small windows: banners (a YouTube banner is 2048 px) and
 * full-size photos. A page's thumbnails and feed images would pay the second pass by the dozen: a
 * 320x200 non-stock image took medians of 28.5 ms to match with it against 4.2 ms without, on the
 * default index (`.bench/second-cost.mts`, 24 images).
 */
export const SMALL_WINDOWS_MIN_WIDTH = 1000;

/**
 * The query with smaller windows added, down to the index's smallest window at the largest scale
 * the query can have in a 3:2 landscape photo, every other size step; null when that scale is
 * under SMALL_WINDOWS_FROM_SCALE (the usual windows already reach) or the image is narrower than
 * SMALL_WINDOWS_MIN_WIDTH. Measured (tests/bench/README.md):
 * a 2048x1152 banner of a 3:2 photo at zoom 1.1 maps the index's 36- and 51-px levels to about 27
 * and 38 query pixels, under the usual 43-122; such queries get about 4 times the windows, so the
 * matcher asks for them only as a second pass on a small index.
 */
export function smallWindowQuery(q: QueryPrint): QueryPrint | null {
  if (q.width < SMALL_WINDOWS_MIN_WIDTH) return null;
  const maxScale = Math.min((WORK_SHORT_SIDE * LANDSCAPE_ASPECT) / q.workW, WORK_SHORT_SIDE / q.workH);
  if (maxScale < SMALL_WINDOWS_FROM_SCALE) return null;
  const hMax = QUERY_FILL * Math.min(q.workH, q.workW / TILE_ASPECT);
  const hMin = LEVEL_HEIGHTS[0] / maxScale;
  const steps: number[] = [];
  for (let k = QUERY_SIZE_STEPS * QUERY_OCTAVES + 1; hMax * 2 ** (-k / QUERY_SIZE_STEPS) >= hMin; k += 2) steps.push(k);
  if (steps.length === 0) return null;
  return {...q, windows: [...q.windows, ...hashSizes(q.integral, hMax, steps)]};
}
