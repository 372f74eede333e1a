import {describe, expect, it} from 'vitest';
import {LEVEL_HEIGHTS, TILE_ASPECT, tileSlotCount, tileSlots} from '../../src/core/tile-layout.js';

describe('tileSlotCount', () => {
  it('counts the slots tileSlots lays out, for every working size with the usual short side and small ones', () => {
    const sizes: [number, number][] = [];
    // A photo's working size has a 256-pixel short side (panoramas less); the long side is any length up to 1024.
    for (let long = 1; long <= 1024; long++) sizes.push([long, 256], [256, long]);
    // Around each window size the count changes: a side just under, at and just over it.
    const edges = LEVEL_HEIGHTS.flatMap((h) => [h - 1, h, h + 1, TILE_ASPECT * h - 1, TILE_ASPECT * h, TILE_ASPECT * h + 1]);
    for (const w of [1, ...edges, 300, 511]) for (const h of [1, ...edges, 300, 511]) sizes.push([w, h]);
    for (const [w, h] of sizes) expect(tileSlotCount(w, h), `${w}x${h}`).toBe(tileSlots(w, h).length);
    expect(tileSlotCount(71, 35)).toBe(0);
  });
});
