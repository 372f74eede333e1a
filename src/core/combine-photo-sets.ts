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
  const out = allocatePhotoSet(photos, windows);
  let p = 0;
  let w = 0;
  for (const s of sets) {
    const n = s.meta.length;
    for (let i = 0; i < n; i++) {
      out.firstWindow[p + i] = s.firstWindow[i] + w;
      if ((i + 1) % PHOTO_SLICE === 0) yield;
    }
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
    p += n;
    w += s.hi.length;
  }
  return out;
}
