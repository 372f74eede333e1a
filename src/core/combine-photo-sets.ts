/** Several indexes searched together (the extension's enabled indexes, `cliche index merge`). */
import {allocatePhotoSet, type PhotoSet} from './photo-set.js';

export function combinePhotoSets(sets: PhotoSet[]): PhotoSet {
  if (sets.length === 1) return sets[0];
  const photos = sets.reduce((n, s) => n + s.meta.length, 0);
  const windows = sets.reduce((n, s) => n + s.hi.length, 0);
  const out = allocatePhotoSet(photos, windows);
  let p = 0;
  let w = 0;
  for (const s of sets) {
    const n = s.meta.length;
    for (let i = 0; i < n; i++) out.firstWindow[p + i] = s.firstWindow[i] + w;
    out.windowCount.set(s.windowCount, p);
    out.workW.set(s.workW, p);
    out.workH.set(s.workH, p);
    out.width.set(s.width, p);
    out.height.set(s.height, p);
    out.slots.set(s.slots, w);
    out.hi.set(s.hi, w);
    out.lo.set(s.lo, w);
    for (const m of s.meta) out.meta.push(m);
    p += n;
    w += s.hi.length;
  }
  return out;
}
