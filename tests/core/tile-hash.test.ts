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

/** The textbook 2-D DCT of 16x16 block means, bit by bit as tile-hash.ts documents it: the reference its folded transform must equal. */
function referenceCode(blocks: number[][]): {hi: number; lo: number} {
  const n = 16;
  const dct = (u: number, v: number) => {
    let a = 0;
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) a += blocks[r][c] * Math.cos(((2 * c + 1) * u * Math.PI) / (2 * n)) * Math.cos(((2 * r + 1) * v * Math.PI) / (2 * n));
    return a;
  };
  const order: [number, number][] = [];
  for (let u = 0; u < 12; u++) for (let v = 0; v < 12; v++) if (u + v > 0) order.push([u, v]);
  order.sort((a, b) => a[0] + a[1] - (b[0] + b[1]) || a[0] - b[0]);
  const coefs = order.slice(0, 64).map(([u, v]) => dct(u, v));
  const s = [...coefs].sort((a, b) => a - b);
  const median = (s[31] + s[32]) / 2;
  let hi = 0;
  let lo = 0;
  coefs.forEach((c, i) => {
    if (c > median) i < 32 ? (hi |= 1 << (31 - i)) : (lo |= 1 << (63 - i));
  });
  return {hi: hi >>> 0, lo: lo >>> 0};
}

describe('TileHasher', () => {
  it('computes the textbook DCT code (its even/odd folding changes no bit)', async () => {
    const img = await fixtureImage('landscape-mountains.jpg');
    const plane = greyAtSize(img, 256, 256);
    const ii = integralImage(plane);
    const code = {hi: 0, lo: 0};
    for (const [x, y, size] of [[0, 0, 16], [37, 90, 32], [100, 16, 144]]) {
      // Windows whose blocks are whole pixels, so block means are plain pixel averages.
      const step = size / 16;
      const blocks = Array.from({length: 16}, (_, r) =>
        Array.from({length: 16}, (_, c) => {
          let sum = 0;
          for (let dy = 0; dy < step; dy++) for (let dx = 0; dx < step; dx++) sum += plane.data[(y + r * step + dy) * plane.width + x + c * step + dx];
          return sum / (step * step);
        }),
      );
      new TileHasher().hash(ii, x, y, size, size, code);
      expect(code).toEqual(referenceCode(blocks));
    }
  });

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

describe('query windows hashed on a shared lattice', () => {
  it('give every window the code hash() gives it on its own', async () => {
    const {prepareQuery} = await import('../../src/core/fingerprint.js');
    for (const name of ['city-night.jpg', 'landscape-mountains.jpg']) {
      const q = prepareQuery(await fixtureImage(name));
      expect(q.windows.length).toBeGreaterThan(500);
      const hasher = new TileHasher();
      const code = {hi: 0, lo: 0};
      // Every 7th window: sizes and positions all over the grid.
      for (let i = 0; i < q.windows.length; i += 7) {
        const w = q.windows[i];
        hasher.hash(q.integral, w.x, w.y, w.w, w.h, code);
        expect([code.hi, code.lo]).toEqual([w.hi, w.lo]);
      }
    }
  });
});
