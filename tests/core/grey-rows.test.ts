import {describe, expect, it} from 'vitest';
import {spans, type RgbaImage} from '../../src/core/grey.js';
import {greyRows} from '../../src/core/grey-rows.js';
import {workSize} from '../../src/core/tile-layout.js';
import {fixtureImage, fixtureNames} from './photo-helpers.js';
import {referenceGreyRows} from './grey-reference.js';

const sameBits = (a: Float32Array, b: Float32Array) => a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;

/** The horizontal pass to dstW wide (greyAtSize's vertical pass stayed TypeScript, unchanged). */
function expectSame(img: RgbaImage, dstW: number) {
  const h = spans(img.width, dstW);
  const got = greyRows(img.data, img.width, img.height, h);
  const want = referenceGreyRows(img.data, img.width, img.height, h);
  expect(got.length).toBe(dstW * img.height);
  expect(sameBits(got, want)).toBe(true);
}

describe('greyAtSize\'s horizontal pass in WebAssembly', () => {
  it('gives the TypeScript reference rows bit for bit on real photos, at index and query widths, down and up', async () => {
    for (const name of fixtureNames()) {
      const img = await fixtureImage(name);
      const {workW} = workSize(img.width, img.height);
      expectSame(img, workW);
      expectSame(img, Math.round(img.width / 3.7));
      expectSame(img, img.width * 2 + 1);
    }
  });

  it('goes strip by strip through large images, and stays right when a small one follows', () => {
    // 1200 x 700 RGBA is 3.4 MB: several 1 MB strips and a short last one.
    const width = 1200;
    const height = 700;
    const data = new Uint8Array(width * height * 4);
    let seed = 7;
    for (let i = 0; i < data.length; i++) data[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    for (let i = 3; i < data.length; i += 4 * 97) data[i] = 0; // some fully transparent pixels count as white
    const big = {data, width, height};
    expectSame(big, 301);
    expectSame({data: data.subarray(0, 40 * 30 * 4), width: 40, height: 30}, 13);
    expectSame({data: new Uint8Array([10, 20, 30, 255]), width: 1, height: 1}, 1);
    expectSame(big, 1200);
  });
});
