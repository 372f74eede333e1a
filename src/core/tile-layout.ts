/**
 * Where a stock photo's windows sit. The layout is a pure function of the photo's working size, so
 * the index stores only a slot number per window, never its rectangle.
 */

/** A stock photo is hashed with its short side at this many pixels. */
export const WORK_SHORT_SIDE = 256;
/** Panoramas keep their long side at most this long (their short side shrinks instead). */
export const WORK_LONG_SIDE_MAX = 1024;
/** Windows are twice as wide as tall: covers are wide strips, and a 2:1 window fits in more of them. */
export const TILE_ASPECT = 2;
/**
 * Window heights in working pixels, a factor sqrt(2) apart. 36 px (0.14 of the short side) is what
 * lets a 4:1 LinkedIn strip zoomed 1.5x on a landscape photo still contain whole windows.
 */
export const LEVEL_HEIGHTS = [36, 51, 72, 102, 144] as const;
/**
 * The fine level: windows this tall, checked only when verifying a candidate (never looked up), with
 * a 16-bit code each (fingerprint.ts). They are what a zoomed strip or the gaps between text boxes
 * still hold whole: with them the accuracy bench's hard covers gained 4-5 per seed and no wrong
 * verdict came in (tests/bench/README.md, "Verification-only fine windows").
 */
export const FINE_LEVEL_HEIGHT = 25;
/** Step between neighbouring windows, as a fraction of the window's width / height. */
export const STRIDE_X = 0.5;
export const STRIDE_Y = 0.5;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function workSize(width: number, height: number): {workW: number; workH: number} {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const scale = Math.min(WORK_SHORT_SIDE / short, WORK_LONG_SIDE_MAX / long);
  return {workW: Math.max(1, Math.round(width * scale)), workH: Math.max(1, Math.round(height * scale))};
}

/** How many windows of `size` fit along an axis of `extent` at `step`. */
function positionCount(extent: number, size: number, step: number): number {
  return size > extent ? 0 : Math.floor((extent - size) / step + 1e-9) + 1;
}

/** Positions along one axis: as many as fit at `step`, centred so both margins are equal. */
function positions(extent: number, size: number, step: number): number[] {
  const n = positionCount(extent, size, step);
  const margin = (extent - size - (n - 1) * step) / 2;
  return Array.from({length: n}, (_, i) => margin + i * step);
}

/**
 * tileSlots(workW, workH).length without building the slots: decoding an index needs only the
 * count per photo. Building them (~14,000 rectangles for the default index's 69 working sizes,
 * and their garbage) made its cold decode, in fresh Node processes (`.bench/startup-ab.mts`, 2 x
 * 15-25 interleaved), take medians 66-71 ms wall and 33-35 ms main-thread CPU; counting, 30-33 and 17.
 */
export function tileSlotCount(workW: number, workH: number): number {
  let count = 0;
  for (const h of LEVEL_HEIGHTS) count += levelSlotCount(h, workW, workH);
  return count;
}

/** Windows of height h (and TILE_ASPECT times as wide) in a photo of this working size. */
function levelSlotCount(h: number, workW: number, workH: number): number {
  const w = h * TILE_ASPECT;
  return positionCount(workH, h, h * STRIDE_Y) * positionCount(workW, w, w * STRIDE_X);
}

/** fineSlots(workW, workH).length without building them. */
export const fineSlotCount = (workW: number, workH: number) => levelSlotCount(FINE_LEVEL_HEIGHT, workW, workH);

/** The windows of height h, row-major, appended to `out`. */
function levelSlots(h: number, workW: number, workH: number, out: Rect[]): void {
  const w = h * TILE_ASPECT;
  for (const y of positions(workH, h, h * STRIDE_Y)) {
    for (const x of positions(workW, w, w * STRIDE_X)) out.push({x, y, w, h});
  }
}

/** Every window slot of a photo of this working size, level by level, row-major. */
export const tileSlots = cachedLayout((workW, workH, out) => {
  for (const h of LEVEL_HEIGHTS) levelSlots(h, workW, workH, out);
});

/** The fine level's window slots (FINE_LEVEL_HEIGHT), row-major. */
export const fineSlots = cachedLayout((workW, workH, out) => levelSlots(FINE_LEVEL_HEIGHT, workW, workH, out));

/** A layout function with a cache of its own by working size. */
function cachedLayout(build: (workW: number, workH: number, out: Rect[]) => void): (workW: number, workH: number) => Rect[] {
  const cache = new Map<number, Rect[]>();
  return (workW, workH) => {
    // Numeric key: this runs once per lookup hit, and building a string key each time showed up in profiles.
    const key = workW * 65536 + workH;
    let slots = cache.get(key);
    if (slots) return slots;
    slots = [];
    build(workW, workH, slots);
    if (cache.size > 512) cache.clear();
    cache.set(key, slots);
    return slots;
  };
}
