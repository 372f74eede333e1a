import {describe, expect, it} from 'vitest';
import {greyAtSize} from '../../src/core/grey.js';
import {integralImage} from '../../src/core/integral.js';
import {hamming64, popcount32, TileHasher} from '../../src/core/tile-hash.js';
import {fixtureImage, fixtureNames} from './photo-helpers.js';

const hashOf = async (name: string, adjust?: (v: number) => number) => {
  const img = await fixtureImage(name);
  const plane = greyAtSize(img, 256, Math.round((256 * img.height) / img.width));
  if (adjust) plane.data.forEach((v, i) => (plane.data[i] = adjust(v)));
  const code = {hi: 0, lo: 0};
  new TileHasher().hash(integralImage(plane), 20, 20, 160, 80, code);
  return code;
};

describe('TileHasher', () => {
  it('counts bits', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(hamming64(0xf0f0f0f0, 1, 0x0f0f0f0f, 0)).toBe(33);
  });

  it('barely changes under a monotonic tone change (tint, contrast) of the same window', async () => {
    const plain = await hashOf('landscape-mountains.jpg');
    const toned = await hashOf('landscape-mountains.jpg', (v) => 30 + 0.7 * v + 0.0004 * v * v);
    expect(hamming64(plain.hi, plain.lo, toned.hi, toned.lo)).toBeLessThanOrEqual(4);
  });

  it('separates windows of different photos', async () => {
    const codes = await Promise.all(fixtureNames().map((n) => hashOf(n)));
    let closest = 64;
    for (let i = 0; i < codes.length; i++) {
      for (let j = i + 1; j < codes.length; j++) closest = Math.min(closest, hamming64(codes[i].hi, codes[i].lo, codes[j].hi, codes[j].lo));
    }
    expect(closest).toBeGreaterThan(16);
  });
});
