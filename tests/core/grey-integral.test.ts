import {describe, expect, it} from 'vitest';
import {greyAtSize} from '../../src/core/grey.js';
import {integralImage, sumTo} from '../../src/core/integral.js';

const solid = (w: number, h: number, rgb: [number, number, number], alpha = 255) => {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) data.set([...rgb, alpha], i * 4);
  return {data, width: w, height: h};
};

describe('greyAtSize', () => {
  it('keeps the mean grey level when shrinking by a non-integer factor', () => {
    const img = solid(97, 61, [200, 100, 50]);
    const g = greyAtSize(img, 30, 20);
    const luma = 0.299 * 200 + 0.587 * 100 + 0.114 * 50;
    for (const v of g.data) expect(v).toBeCloseTo(luma, 3);
  });

  it('treats fully transparent pixels as white, as blockhash does', () => {
    const g = greyAtSize(solid(8, 8, [0, 0, 0], 0), 4, 4);
    expect(g.data[0]).toBeCloseTo(255, 3);
  });

  it('refuses a buffer whose size does not match its dimensions', () => {
    expect(() => greyAtSize({data: new Uint8Array(10), width: 4, height: 4}, 2, 2)).toThrow(/RGBA buffer holds 10 bytes/);
  });
});

describe('integral image', () => {
  it('gives exact rectangle sums at fractional coordinates', () => {
    const data = Float32Array.from({length: 12}, (_, i) => i + 1); // 4 x 3, row-major
    const ii = integralImage({data, width: 4, height: 3});
    // Cells (0..4) x (0..3) summed: 78; half of column 0 in row 0 only: 0.5.
    expect(sumTo(ii, 4, 3)).toBeCloseTo(78);
    expect(sumTo(ii, 0.5, 1)).toBeCloseTo(0.5);
    // Area [1, 2.5) x [0, 2): column 1 rows 0..1 (2 + 6) + half of column 2 rows 0..1 ((3 + 7) / 2).
    expect(sumTo(ii, 2.5, 2) - sumTo(ii, 1, 2)).toBeCloseTo(13);
  });
});
