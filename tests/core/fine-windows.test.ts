import {beforeAll, describe, expect, it} from 'vitest';
import {decodeImage} from '../../src/cli/decode.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {ChanceRates, FineRateTable, fineHistogram} from '../../src/core/chance-rates.js';
import {confidenceOfSurprise, surpriseOf} from '../../src/core/evidence.js';
import {FLAT_CONTRAST, fingerprintPhoto, prepareQuery, type PhotoPrint} from '../../src/core/fingerprint.js';
import {integralImage} from '../../src/core/integral.js';
import {greyAtSize} from '../../src/core/grey.js';
import {Matcher} from '../../src/core/matcher.js';
import {allocatePhotoSet, type PhotoSet} from '../../src/core/photo-set.js';
import {fineCodeOf, fineDistance, TileHasher, type Code64} from '../../src/core/tile-hash.js';
import {fineSlots} from '../../src/core/tile-layout.js';
import {FINE_DISTANCE, verifyAt, type Verdict} from '../../src/core/verify.js';
import {mulberry32} from '../bench/prng.js';
import {cutBanner, fixtureImage, fixtureNames} from './photo-helpers.js';

const names = fixtureNames().slice(0, 4);
let prints: PhotoPrint[];
let set: PhotoSet;

beforeAll(async () => {
  prints = await Promise.all(names.map(async (n) => fingerprintPhoto(await fixtureImage(n))));
  set = buildPhotoSet(prints, names.map((id) => ({id})));
}, 60_000);

describe('the fine level', () => {
  it('keeps each non-flat 25-px window with the 16 lowest-frequency bits of its 64-bit code', async () => {
    const img = await fixtureImage(names[0]);
    const p = prints[0];
    const ii = integralImage(greyAtSize(img, p.workW, p.workH));
    const hasher = new TileHasher();
    const code: Code64 = {hi: 0, lo: 0};
    const kept: number[] = [];
    const codes: number[] = [];
    fineSlots(p.workW, p.workH).forEach((r, slot) => {
      if (hasher.hash(ii, r.x, r.y, r.w, r.h, code, FLAT_CONTRAST) < FLAT_CONTRAST) return;
      kept.push(slot);
      codes.push(fineCodeOf(code.hi));
    });
    expect([...p.fineSlots]).toEqual(kept);
    expect([...p.fine]).toEqual(codes);
    // A photo's fine level is most of its windows: about 200 for a 3:2 photo.
    expect(p.fine.length).toBeGreaterThan(100);
    expect(fineSlots(p.workW, p.workH).every((r) => r.h === 25 && r.w === 50)).toBe(true);
  });

  it('agrees where a zoomed banner was cut, and adds that agreement to the confidence', async () => {
    const q = prepareQuery(await decodeImage(await cutBanner(names[1], 1500, 500, 1.4, 0.3, 0.6)));
    const matcher = new Matcher(set);
    const found = matcher.verdicts(q).filter((v) => v.photo === 1);
    expect(found.length).toBeGreaterThan(0);
    const best = found.reduce((a, b) => (matcher.confidence(1, b.verdict) > matcher.confidence(1, a.verdict) ? b : a)).verdict;
    const agreeing = best.fineDistances.filter((d) => d <= FINE_DISTANCE).length;
    expect(best.fineWindows.length).toBeGreaterThan(20);
    expect(agreeing / best.fineWindows.length).toBeGreaterThan(0.5);
    const withoutFine: Verdict = {...best, inside: best.inside - best.fineWindows.length, fineWindows: [], fineDistances: []};
    expect(matcher.confidence(1, best)).toBeGreaterThan(matcher.confidence(1, withoutFine));
  });

  it('finds few fine windows agreeing on another photo under the same footprint', async () => {
    const q = prepareQuery(await decodeImage(await cutBanner(names[1], 1500, 500, 1.4, 0.3, 0.6)));
    const truth = new Matcher(set).verdicts(q).find((v) => v.photo === 1)!.verdict;
    const share = (v: Verdict) => v.fineDistances.filter((d) => d <= FINE_DISTANCE).length / v.fineDistances.length;
    for (const other of [0, 2, 3]) {
      // The same footprint size, placed at the other photo's top left.
      const v = verifyAt(set, other, q, {scale: truth.transform.scale, dx: 0, dy: 0});
      expect(v.fineWindows.length, names[other]).toBeGreaterThan(20);
      expect(share(v), names[other]).toBeLessThan(share(truth) / 3);
    }
  });
});

describe('fine chance rates', () => {
  it('count exactly what a pass over every other photo\'s fine codes counts', () => {
    const rng = mulberry32(3);
    // Codes near a few centres, so that distances 0, 1 and 2 all occur, over 40 photos.
    const centres = [0x1234, 0xbeef, 0x0f0f];
    const codes = Uint16Array.from({length: 4000}, (_, k) => {
      let c = centres[k % 3];
      for (let flips = Math.floor(rng() * 4); flips > 0; flips--) c ^= 1 << Math.floor(rng() * 16);
      return c;
    });
    const photoOf = (k: number) => Math.floor(k / 100);
    const table = new FineRateTable(fineHistogram(codes), codes.length);
    for (const f of [0, 1, 2, 150, 3999]) {
      const p = photoOf(f);
      const own = codes.subarray(p * 100, p * 100 + 100);
      const expected = [0, 0, 0];
      for (let k = 0; k < codes.length; k++) {
        if (photoOf(k) === p) continue;
        const d = fineDistance(codes[f], codes[k]);
        if (d <= 2) expected[d]++;
      }
      const counts = table.countsOf(f, codes[f], own);
      expect([counts[0], counts[1] - counts[0], counts[2] - counts[1]]).toEqual(expected);
      expect(counts[3]).toBe(codes.length - 100);
      expect(expected.every((n) => n > 0)).toBe(true);
    }
  });

  it('weigh an agreeing fine window by its rate: a common code says less than a rare one', () => {
    // 50 photos of 20 fine windows: the first 8 of each are one generic code with a bit flipped, the rest random.
    const rng = mulberry32(9);
    const fine = allocatePhotoSet(50, 0, 50 * 20);
    for (let p = 0; p < 50; p++) {
      fine.fineFirst[p] = 20 * p;
      fine.fineCount[p] = 20;
      for (let k = 0; k < 20; k++) fine.fine[20 * p + k] = k < 8 ? 0x5a5a ^ (1 << (p % 16)) : Math.floor(rng() * 0x10000);
    }
    const rates = new ChanceRates(fine);
    expect(rates.fineRate(0, 0, FINE_DISTANCE)).toBeGreaterThan(0.2);
    const verdictOf = (ids: number[]): Verdict => ({
      transform: {scale: 1, dx: 0, dy: 0}, strength: 0, windows: [], distances: [], inside: 20, agreeing: ids.length, fineWindows: ids, fineDistances: ids.map(() => 0),
    });
    const generic = surpriseOf(verdictOf([0, 1, 2, 3, 4, 5, 6, 7]), 0, rates);
    const random = surpriseOf(verdictOf([8, 9, 10, 11, 12, 13, 14, 15]), 0, rates);
    expect(random).toBeGreaterThan(generic + 8);
    expect(confidenceOfSurprise(random)).toBeGreaterThan(confidenceOfSurprise(generic));
  });
});
