/** Several indexes searched together (the extension's enabled indexes, `cliche index merge`). */
import {allocatePhotoSet, type PhotoSet} from './photo-set.js';

/**
 * Windows copied between two yields of combineSteps: 10 bytes each (slot + code halves), 640 KB.
 * The one-piece copy of a 50 MB index (6 M windows) took 330-622 ms in a browser's worker; slices
 * of 1 M windows still ran up to 150 ms on the busy 2-core machine (page faults of the new arrays),
 * of 2^18 up to 110 ms. The extension pauses only once its time budget is used (step-timing.ts).
 */
export const COMBINE_SLICE = 1 << 16;
/** Photos whose window offsets are shifted between two yields. */
const PHOTO_SLICE = 1 << 12;

/** One set holding every photo of `sets`, in order; window numbers are shifted to the new arrays. */
export function combinePhotoSets(sets: PhotoSet[]): PhotoSet {
  const steps = combineSteps(sets);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** The same set, with `await pause()` between slices of copying, for a browser's background. */
export async function combinePhotoSetsAsync(sets: PhotoSet[], pause: () => Promise<void>): Promise<PhotoSet> {
  const steps = combineSteps(sets);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await pause();
  }
}

/** One generator for both forms, so the sliced one cannot drift from the synchronous one. */
function* combineSteps(sets: PhotoSet[]): Generator<void, PhotoSet> {
  if (sets.length === 1) return sets[0];
  const photos = sets.reduce((n, s) => n + s.meta.length, 0);
  const windows = sets.reduce((n, s) => n + s.hi.length, 0);
  const fineWindows = sets.reduce((n, s) => n + s.fine.length, 0);
  const out = allocatePhotoSet(photos, windows, fineWindows);
  let p = 0;
  let w = 0;
  let f = 0;
  for (const s of sets) {
    const n = s.meta.length;
    for (let i = 0; i < n; i++) {
      out.firstWindow[p + i] = s.firstWindow[i] + w;
      out.fineFirst[p + i] = s.fineFirst[i] + f;
      if ((i + 1) % PHOTO_SLICE === 0) yield;
    }
    out.fineCount.set(s.fineCount, p);
    out.windowCount.set(s.windowCount, p);
    out.workW.set(s.workW, p);
    out.workH.set(s.workH, p);
    out.width.set(s.width, p);
    out.height.set(s.height, p);
    for (const m of s.meta) out.meta.push(m);
    yield;
    for (let from = 0; from < s.hi.length; from += COMBINE_SLICE) {
      const to = Math.min(s.hi.length, from + COMBINE_SLICE);
      out.slots.set(s.slots.subarray(from, to), w + from);
      out.hi.set(s.hi.subarray(from, to), w + from);
      out.lo.set(s.lo.subarray(from, to), w + from);
      yield;
    }
    // Fine windows are 4 bytes each (slot + code): one copy at the slice's size in windows' bytes.
    for (let from = 0; from < s.fine.length; from += 2 * COMBINE_SLICE) {
      const to = Math.min(s.fine.length, from + 2 * COMBINE_SLICE);
      out.fineSlots.set(s.fineSlots.subarray(from, to), f + from);
      out.fine.set(s.fine.subarray(from, to), f + from);
      yield;
    }
    p += n;
    w += s.hi.length;
    f += s.fine.length;
  }
  return out;
}

/**
 * Each of `sets` again, as views into `combined` (their combination, in that order): equal to the
 * originals, but sharing the combination's arrays instead of holding a second copy of every
 * window. Only the window offsets are new arrays (4 bytes a photo). The extension keeps its enabled
 * indexes' sets so that switching one off needs no reload; kept as they were decoded, an imported
 * index's windows (10 bytes each, 175 MB at 10^5 photos) lived twice.
 */
export function partsOf(combined: PhotoSet, sets: PhotoSet[]): PhotoSet[] {
  let p = 0;
  let w = 0;
  let f = 0;
  return sets.map((s) => {
    const n = s.meta.length;
    const windows = s.hi.length;
    const fine = s.fine.length;
    const photos = <T extends Uint16Array | Uint32Array>(a: T) => a.subarray(p, p + n) as T;
    const part: PhotoSet = {
      firstWindow: combined.firstWindow.slice(p, p + n).map((f) => f - w),
      windowCount: photos(combined.windowCount),
      workW: photos(combined.workW),
      workH: photos(combined.workH),
      width: photos(combined.width),
      height: photos(combined.height),
      slots: combined.slots.subarray(w, w + windows),
      hi: combined.hi.subarray(w, w + windows),
      lo: combined.lo.subarray(w, w + windows),
      fineFirst: combined.fineFirst.slice(p, p + n).map((x) => x - f),
      fineCount: photos(combined.fineCount),
      fineSlots: combined.fineSlots.subarray(f, f + fine),
      fine: combined.fine.subarray(f, f + fine),
      meta: combined.meta.slice(p, p + n),
    };
    p += n;
    w += windows;
    f += fine;
    return part;
  });
}
