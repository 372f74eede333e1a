import {describe, expect, it} from 'vitest';
import {ChanceRates, RATED_DISTANCE} from '../../src/core/chance-rates.js';
import {surpriseOf} from '../../src/core/evidence.js';
import {createNearCounter} from '../../src/core/near-counts.js';
import {allocatePhotoSet, type PhotoSet} from '../../src/core/photo-set.js';
import {hamming64} from '../../src/core/tile-hash.js';
import type {Verdict} from '../../src/core/verify.js';
import {mulberry32} from '../bench/prng.js';

const GENERIC = {hi: 0x0f0f0f0f, lo: 0x00ff00ff};

/** `photos` photos of `per` windows each: random codes, except that every photo's first `generic` windows are GENERIC with 0-2 bits flipped. */
function makeSet(photos: number, per: number, generic: number): PhotoSet {
  const rng = mulberry32(5);
  const set = allocatePhotoSet(photos, photos * per);
  for (let p = 0; p < photos; p++) {
    set.firstWindow[p] = p * per;
    set.windowCount[p] = per;
    for (let k = 0; k < per; k++) {
      const w = p * per + k;
      if (k < generic) {
        set.hi[w] = (GENERIC.hi ^ (1 << (p % 32))) >>> 0;
        set.lo[w] = (GENERIC.lo ^ (p % 3 === 0 ? 1 << 7 : 0)) >>> 0;
      } else {
        set.hi[w] = Math.floor(rng() * 2 ** 32);
        set.lo[w] = Math.floor(rng() * 2 ** 32);
      }
    }
  }
  return set;
}

function verdict(windows: number[], distances: number[], inside = windows.length): Verdict {
  return {transform: {scale: 1, dx: 0, dy: 0}, inside, agreeing: windows.length, strength: 0, windows, distances, fineWindows: [], fineDistances: []};
}

/** n codes within 0-24 flipped bits of a few centres (every distance 0..16 occurs), high bits included, and their photos. */
function nearCodes(n: number, photos: number) {
  const rng = mulberry32(11);
  const centres = Array.from({length: 4}, () => [Math.floor(rng() * 2 ** 32), Math.floor(rng() * 2 ** 32)]);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const photo = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let [h, l] = centres[k % 4];
    for (let flips = Math.floor(rng() * 25); flips > 0; flips--) {
      const bit = Math.floor(rng() * 64);
      if (bit < 32) h ^= 1 << bit;
      else l ^= 1 << (bit - 32);
    }
    hi[k] = h >>> 0;
    lo[k] = l >>> 0;
    photo[k] = Math.floor(rng() * photos);
  }
  return {hi, lo, photo};
}

describe('the WebAssembly near-window count', () => {
  it('counts what a plain loop over 64-bit Hamming distances counts, also past the memory it starts with', () => {
    // 12,000 windows need more than the module's initial 2 pages: the loader grows its memory.
    const ref = nearCodes(12_000, 50);
    const counter = createNearCounter(ref.hi, ref.lo, ref.photo);
    for (const q of [0, 1, 2, 3, 777, 11_999]) {
      const expected = new Array(17).fill(0);
      let others = 0;
      for (let k = 0; k < ref.hi.length; k++) {
        if (ref.photo[k] === ref.photo[q]) continue;
        others++;
        const d = hamming64(ref.hi[q], ref.lo[q], ref.hi[k], ref.lo[k]);
        if (d <= 16) expected[d]++;
      }
      expect(counter.count(ref.hi[q], ref.lo[q], ref.photo[q])).toBe(others);
      expect([...counter.histogram]).toEqual(expected);
    }
    // The histogram really varies: several distances are populated for a window near a centre.
    expect([...counter.histogram].filter((c) => c > 0).length).toBeGreaterThan(5);
  });
});

describe('ChanceRates', () => {
  const set = makeSet(200, 20, 2);
  const rates = new ChanceRates(set);

  it('finds a generic window close to many other photos\' windows and a random one close to none', () => {
    // Window 0 is photo 0's generic window: the other 199 photos each have two within 3 bits of it.
    expect(rates.rate(0, 0, 3)).toBeGreaterThan(0.05);
    // Window 5 is a random code: 64 random bits are essentially never within 16 bits of another.
    expect(rates.rate(5, 0, RATED_DISTANCE)).toBe(0);
    expect(rates.floor(5, 0)).toBeCloseTo(1 / (199 * 20), 8);
  });

  it('leaves out the window\'s own photo', () => {
    // Photo 0's windows 0 and 1 are made 1 bit apart; photo 1's are random: counted without its own photo, window 0's rate is 0.
    const two = makeSet(2, 20, 0);
    two.hi[1] = two.hi[0] ^ 1;
    two.lo[1] = two.lo[0];
    expect(new ChanceRates(two).rate(0, 0, 4)).toBe(0);
  });

  it('counts a small reference as MIN_REFERENCE windows, so its evidence stays modest', () => {
    const small = new ChanceRates(makeSet(3, 10, 0));
    expect(small.floor(0, 0)).toBeCloseTo(1 / 256, 8);
  });
});

describe('surpriseOf', () => {
  const set = makeSet(200, 20, 2);
  const rates = new ChanceRates(set);

  it('is 0 with fewer than three windows agreeing within the rated distance', () => {
    expect(surpriseOf(verdict([5, 6, 7], [2, 3, RATED_DISTANCE + 1]), 0, rates)).toBe(0);
  });

  it('trusts agreement of distinctive windows more than of generic ones, at the same distances', () => {
    const distinctive = surpriseOf(verdict([5, 6, 7, 8], [2, 2, 2, 2]), 0, rates);
    const generic = surpriseOf(verdict([0, 1, 5, 6], [2, 2, 2, 2]), 0, rates);
    expect(distinctive).toBeGreaterThan(generic + 2);
  });

  it('counts the windows that disagree: the same agreement among more windows checked is worth less', () => {
    const few = surpriseOf(verdict([5, 6, 7, 8], [2, 2, 2, 2]), 0, rates);
    const many = surpriseOf(verdict([5, 6, 7, 8, 9, 10, 11, 12], [2, 2, 2, 2, 30, 30, 30, 30]), 0, rates);
    expect(many).toBeLessThan(few);
  });
});
