import {describe, expect, it} from 'vitest';
import {greyAtSize} from '../../src/core/grey.js';
import {integralImage} from '../../src/core/integral.js';
import {sharedWindowDct, TileHasher} from '../../src/core/tile-hash.js';
import {tileSlots, workSize} from '../../src/core/tile-layout.js';
import {createWindowDct} from '../../src/core/window-dct.js';
import {fixtureImage, fixtureNames} from './photo-helpers.js';
import {referenceFromCorners} from './window-dct-reference.js';

/** The shared module's corners as the last hash left them (the hasher writes them there). */
const lastCorners = () => Float64Array.from(sharedWindowDct().corners);

describe('window hash in WebAssembly', () => {
  it('gives the TypeScript reference code and contrast, bit for bit, on every window of real photos', async () => {
    const hasher = new TileHasher();
    const code = {hi: 0, lo: 0};
    const expected = {hi: 0, lo: 0};
    let compared = 0;
    let differing = 0;
    for (const name of fixtureNames()) {
      const img = await fixtureImage(name);
      const {workW, workH} = workSize(img.width, img.height);
      const ii = integralImage(greyAtSize(img, workW, workH));
      for (const r of tileSlots(workW, workH)) {
        // Odd offsets and sizes too, so corners are interpolated between pixels.
        for (const [dx, s] of [[0, 1], [0.37, 0.913]]) {
          code.hi = code.lo = expected.hi = expected.lo = 0;
          const contrast = hasher.hash(ii, r.x + dx, r.y + dx, r.w * s, r.h * s, code, 6);
          const reference = referenceFromCorners(lastCorners(), ((r.w * s) / 16) * ((r.h * s) / 16), expected, 6);
          compared++;
          if (contrast !== reference || code.hi !== expected.hi || code.lo !== expected.lo) differing++;
        }
      }
    }
    expect(compared).toBeGreaterThan(4000);
    expect(differing).toBe(0);
  });

  it('matches the reference on random, constant and tied grids, and leaves the code alone under the contrast floor', () => {
    const dct = sharedWindowDct();
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const grids: Float64Array[] = [];
    for (let g = 0; g < 500; g++) {
      // An integral image's corners: running sums of non-negative pixels, some grids with repeated blocks.
      const levels = g % 5 === 0 ? 2 : 256;
      const blocks = Array.from({length: 256}, () => Math.floor(random() * levels) * (255 / Math.max(1, levels - 1)));
      const corners = new Float64Array(289);
      for (let r = 1; r <= 16; r++) for (let c = 1; c <= 16; c++) corners[r * 17 + c] = blocks[(r - 1) * 16 + c - 1] + corners[(r - 1) * 17 + c] + corners[r * 17 + c - 1] - corners[(r - 1) * 17 + c - 1];
      grids.push(corners);
    }
    grids.push(new Float64Array(289)); // all blocks 0: no contrast, every coefficient 0
    for (const corners of grids) {
      for (const floor of [0, 6]) {
        dct.corners.set(corners);
        dct.out[0] = 0xdeadbeef;
        dct.out[1] = 0x12345678;
        const expected = {hi: 0xdeadbeef, lo: 0x12345678};
        const contrast = dct.fromCorners(1, floor);
        expect(contrast).toBe(referenceFromCorners(corners, 1, expected, floor));
        expect([dct.out[0], dct.out[1]]).toEqual([expected.hi, expected.lo]);
      }
    }
  });

  it('refuses tables of another shape than the module was written for', () => {
    expect(() => createWindowDct(new Float64Array(10), new Uint8Array(64), new Uint8Array(64), 10)).toThrow(/another DCT shape/);
    expect(() => createWindowDct(new Float64Array(192), new Uint8Array(64), new Uint8Array(64), 11)).toThrow(/another DCT shape/);
  });
});
