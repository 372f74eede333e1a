/** Packs fingerprinted photos into the flat arrays a PhotoSet searches. */
import type {PhotoPrint} from './fingerprint.js';
import type {PhotoMeta, PhotoSet} from './photo-set.js';

export function buildPhotoSet(prints: PhotoPrint[], meta: PhotoMeta[]): PhotoSet {
  if (prints.length !== meta.length) throw new RangeError(`${prints.length} fingerprints but ${meta.length} metadata records`);
  const total = prints.reduce((n, p) => n + p.slots.length, 0);
  const set: PhotoSet = {
    firstWindow: new Uint32Array(prints.length),
    windowCount: new Uint16Array(prints.length),
    workW: new Uint16Array(prints.length),
    workH: new Uint16Array(prints.length),
    width: new Uint32Array(prints.length),
    height: new Uint32Array(prints.length),
    slots: new Uint16Array(total),
    hi: new Uint32Array(total),
    lo: new Uint32Array(total),
    meta,
  };
  let at = 0;
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
  });
  return set;
}
