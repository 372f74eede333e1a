/**
 * Scale test index: the real fingerprints of the default index, then synthetic photos until N.
 * A synthetic photo has a real photo's size and window layout, but each of its codes is a random
 * real window's code (from any photo) with 4-8 random bits flipped: code statistics, and so lookup
 * bucket crowding, stay those of real photos rather than uniform noise, while no synthetic photo
 * is a near-copy of a real one (that would be a duplicate, not a bigger index). Codes are drawn
 * only from the second half of the real photos (DONOR_FROM), and queries are cut from the first
 * half: otherwise every query's own windows would come back hundreds of times in near-copies.
 * Measured on the default index: random real window pairs from different photos agree within 16
 * bits 2.3e-4 of the time, real vs synthetic 1.4e-4: chance hits stay realistic. Fine windows
 * (16-bit codes) are made the same way, with 1-2 bits flipped (about the share of 4-8 in 64).
 */
export const donorFrom = (realPhotos: number) => Math.floor(realPhotos / 2);
import {readFileSync} from 'node:fs';
import {decodeIndex} from '../../src/core/index-file.js';
import {allocatePhotoSet, copyPhotoSizes, type PhotoSet} from '../../src/core/photo-set.js';
import {DEFAULT_INDEX} from '../../src/cli/load-index.js';
import {mulberry32} from './prng.js';

/** `withReal`: the default index's own photos come first (the scale bench); without, every photo is synthetic. */
export function syntheticIndex(photos: number, seed = 1, withReal = true): PhotoSet {
  const real = decodeIndex(readFileSync(DEFAULT_INDEX));
  const n = real.meta.length;
  const kept = withReal ? n : 0;
  const rng = mulberry32(seed);
  const pick = Array.from({length: photos}, (_, i) => (i < kept ? i : Math.floor(rng() * n)));
  const donorStart = real.firstWindow[donorFrom(n)];
  const donors = real.hi.length - donorStart;
  const windows = pick.reduce((t, p) => t + real.windowCount[p], 0);
  const fineDonorStart = real.fineFirst[donorFrom(n)];
  const fineDonors = real.fine.length - fineDonorStart;
  const fineWindows = pick.reduce((t, p) => t + real.fineCount[p], 0);
  const set = allocatePhotoSet(photos, windows, fineWindows);
  set.meta = new Array(photos);
  let at = 0;
  let fineAt = 0;
  pick.forEach((p, i) => {
    const first = real.firstWindow[p];
    const count = real.windowCount[p];
    set.firstWindow[i] = at;
    set.windowCount[i] = count;
    copyPhotoSizes(set, i, real, p);
    set.meta[i] = i < kept ? real.meta[p] : {id: `synthetic:${i}`};
    set.slots.set(real.slots.subarray(first, first + count), at);
    for (let w = 0; w < count; w++) {
      const source = i < kept ? first + w : donorStart + Math.floor(rng() * donors);
      let hi = real.hi[source];
      let lo = real.lo[source];
      if (i >= kept) {
        const flips = 4 + Math.floor(rng() * 5);
        for (let f = 0; f < flips; f++) {
          const bit = Math.floor(rng() * 64);
          if (bit < 32) hi ^= 1 << bit;
          else lo ^= 1 << (bit - 32);
        }
      }
      set.hi[at + w] = hi >>> 0;
      set.lo[at + w] = lo >>> 0;
    }
    at += count;
    const fineFirst = real.fineFirst[p];
    const fineCount = real.fineCount[p];
    set.fineFirst[i] = fineAt;
    set.fineCount[i] = fineCount;
    set.fineSlots.set(real.fineSlots.subarray(fineFirst, fineFirst + fineCount), fineAt);
    for (let f = 0; f < fineCount; f++) {
      if (i < kept) {
        set.fine[fineAt + f] = real.fine[fineFirst + f];
        continue;
      }
      let code = real.fine[fineDonorStart + Math.floor(rng() * fineDonors)];
      for (let flips = 1 + Math.floor(rng() * 2); flips > 0; flips--) code ^= 1 << Math.floor(rng() * 16);
      set.fine[fineAt + f] = code;
    }
    fineAt += fineCount;
  });
  return set;
}
