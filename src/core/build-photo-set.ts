/** Packs fingerprinted photos into the flat arrays a PhotoSet searches. */
import type {PhotoPrint} from './fingerprint.js';
import {allocatePhotoSet, type PhotoMeta, type PhotoSet} from './photo-set.js';

export function buildPhotoSet(prints: PhotoPrint[], meta: PhotoMeta[]): PhotoSet {
  if (prints.length !== meta.length) throw new RangeError(`${prints.length} fingerprints but ${meta.length} metadata records`);
  const total = prints.reduce((n, p) => n + p.slots.length, 0);
  const fineTotal = prints.reduce((n, p) => n + p.fineSlots.length, 0);
  const set = allocatePhotoSet(prints.length, total, fineTotal);
  set.meta = meta;
  let at = 0;
  let fineAt = 0;
  prints.forEach((p, i) => {
    set.firstWindow[i] = at;
    set.windowCount[i] = p.slots.length;
    set.workW[i] = p.workW;
    set.workH[i] = p.workH;
    set.width[i] = p.width;
    set.height[i] = p.height;
    set.slots.set(p.slots, at);
    set.hi.set(p.hi, at);
    set.lo.set(p.lo, at);
    at += p.slots.length;
    set.fineFirst[i] = fineAt;
    set.fineCount[i] = p.fineSlots.length;
    set.fineSlots.set(p.fineSlots, fineAt);
    set.fine.set(p.fine, fineAt);
    fineAt += p.fineSlots.length;
  });
  return set;
}
