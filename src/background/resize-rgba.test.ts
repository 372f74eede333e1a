import {describe, expect, it} from 'vitest';
import {resizeRgba} from './resize-rgba.js';

const image = (width: number, height: number, pixel: (x: number, y: number) => number[]) => {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return {data, width, height};
};

describe('resizeRgba', () => {
  it('averages the area each output pixel covers', () => {
    // 4x2 -> 2x1: each output pixel is the mean of a 2x2 block.
    const src = image(4, 2, (x, y) => [x < 2 ? 10 + 20 * y : 100, x * 40, 200, 255]);
    expect([...resizeRgba(src, 2, 1).data]).toEqual([20, 20, 200, 255, 100, 100, 200, 255]);
  });

  it('weights source pixels cut by a non-integer ratio', () => {
    // 3 -> 2 columns: output 0 covers pixel 0 and half of pixel 1.
    const src = image(3, 1, (x) => [[0, 90, 180][x], 0, 0, 255]);
    expect([...resizeRgba(src, 2, 1).data.filter((_, i) => i % 4 === 0)]).toEqual([30, 150]);
  });

  it('keeps a flat colour flat at any size, and gives the size asked for', () => {
    const out = resizeRgba(image(1500, 500, () => [12, 34, 56, 255]), 1024, 341);
    expect([out.width, out.height, out.data.length]).toEqual([1024, 341, 1024 * 341 * 4]);
    expect(new Set(out.data).size).toBe(4);
    expect([...out.data.subarray(out.data.length - 4)]).toEqual([12, 34, 56, 255]);
  });

  it('does not let the hidden colour of transparent pixels bleed into visible ones', () => {
    const src = image(2, 1, (x) => (x === 0 ? [255, 0, 0, 255] : [0, 0, 255, 0]));
    expect([...resizeRgba(src, 1, 1).data]).toEqual([255, 0, 0, 128]);
  });

  it('returns the image itself at its own size, and refuses to enlarge', () => {
    const src = image(4, 4, () => [1, 2, 3, 255]);
    expect(resizeRgba(src, 4, 4)).toBe(src);
    expect(() => resizeRgba(src, 8, 2)).toThrow(RangeError);
  });
});
