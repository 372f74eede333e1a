import {describe, expect, it} from 'vitest';
import {COMBINE_SLICE, combinePhotoSets, combinePhotoSetsAsync, partsOf} from '../../src/core/combine-photo-sets.js';
import {allocatePhotoSet, type PhotoSet} from '../../src/core/photo-set.js';
import {mulberry32} from '../bench/prng.js';

/** A set of `photos` photos with `perPhoto` random windows each (contents only need to differ). */
function randomSet(photos: number, perPhoto: number, seed: number, prefix: string): PhotoSet {
  const rng = mulberry32(seed);
  const u32 = () => Math.floor(rng() * 2 ** 32);
  const set = allocatePhotoSet(photos, photos * perPhoto);
  for (let p = 0; p < photos; p++) {
    set.firstWindow[p] = p * perPhoto;
    set.windowCount[p] = perPhoto;
    set.workW[p] = 256 + p;
    set.workH[p] = 256;
    set.width[p] = 1000 + p;
    set.height[p] = 800;
    set.meta.push({id: `${prefix}:${p}`});
  }
  for (let w = 0; w < set.hi.length; w++) {
    set.hi[w] = u32();
    set.lo[w] = u32();
    set.slots[w] = w % 170;
  }
  return set;
}

const ARRAYS = ['firstWindow', 'windowCount', 'workW', 'workH', 'width', 'height', 'slots', 'hi', 'lo'] as const;

describe('combinePhotoSets', () => {
  // Larger than one slice, so the sliced form really pauses inside a set's windows.
  const big = randomSet(40, Math.ceil((1.5 * COMBINE_SLICE) / 40), 1, 'big');
  const small = randomSet(3, 100, 2, 'small');

  it('puts every photo after the previous sets, window numbers shifted', () => {
    const both = combinePhotoSets([small, big]);
    expect(both.meta.map((m) => m.id)).toEqual([...small.meta, ...big.meta].map((m) => m.id));
    expect(both.firstWindow[3]).toBe(small.hi.length);
    expect(both.firstWindow[42]).toBe(small.hi.length + big.firstWindow[39]);
    const at = small.hi.length + COMBINE_SLICE + 7; // a window copied in the second slice of `big`
    expect([both.hi[at], both.lo[at], both.slots[at]]).toEqual([big.hi[at - small.hi.length], big.lo[at - small.hi.length], big.slots[at - small.hi.length]]);
    expect(both.width[41]).toBe(big.width[38]);
  });

  it('sliced form gives the same set as the synchronous one, pausing between slices', async () => {
    let pauses = 0;
    const sliced = await combinePhotoSetsAsync([small, big, small], async () => void pauses++);
    const whole = combinePhotoSets([small, big, small]);
    // Byte comparison: toEqual walks 1.5 M elements one by one (half a minute).
    for (const k of ARRAYS) expect(Buffer.from(sliced[k].buffer).equals(Buffer.from(whole[k].buffer)), k).toBe(true);
    expect(sliced.meta).toEqual(whole.meta);
    // One pause per set's photo table, one per slice of windows: the copy of `big` is cut in two.
    expect(pauses).toBe(3 + 1 + 2 + 1);
  });

  it('returns a lone set as it is', async () => {
    expect(await combinePhotoSetsAsync([small], async () => undefined)).toBe(small);
  });

  it('gives back each set as views into the combination: equal contents, no second copy of the windows', () => {
    const both = combinePhotoSets([small, big]);
    const parts = partsOf(both, [small, big]);
    parts.forEach((part, i) => {
      const original = [small, big][i];
      for (const k of ARRAYS) expect([...part[k]], `${i} ${k}`).toEqual([...original[k]]);
      expect(part.meta).toEqual(original.meta);
      for (const k of ['slots', 'hi', 'lo'] as const) expect(part[k].buffer).toBe(both[k].buffer);
    });
    // A combination of the parts is the same set again (what the next rebuild does).
    expect(combinePhotoSets(parts)).toEqual(both);
  });
});
