/** The naive baseline: one global 256-bit blockhash per photo, nearest neighbour by Hamming distance. */
import {bmvbhash} from 'blockhash-core';
import type {RgbaImage} from '../../src/core/grey.js';

/** 10% of 256 bits: a common "same image" cut-off for blockhash. */
export const BASELINE_MAX_DISTANCE = 26;

export function globalHash(img: RgbaImage): Uint8Array {
  const hex = bmvbhash({data: img.data, width: img.width, height: img.height}, 16);
  return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
}

const POP = Uint8Array.from({length: 256}, (_, i) => i.toString(2).replace(/0/g, '').length);

export function nearestGlobal(query: Uint8Array, hashes: Uint8Array[]): {index: number; distance: number} {
  let best = {index: -1, distance: Infinity};
  hashes.forEach((h, index) => {
    let d = 0;
    for (let i = 0; i < h.length; i++) d += POP[h[i] ^ query[i]];
    if (d < best.distance) best = {index, distance: d};
  });
  return best;
}
