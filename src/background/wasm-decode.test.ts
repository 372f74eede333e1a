import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import sharp from 'sharp';
import {beforeAll, describe, expect, it, vi} from 'vitest';
import {fixtureCoverAndBadImages, type BadImage} from '../../tests/cli/bad-images.js';
import {buildFixtureIndex} from '../../tests/e2e/fixture-index.js';
import {decodeImage as sharpDecode} from '../cli/decode.js';
import {checkPixels} from '../core/check-pixels.js';
import type {RgbaImage} from '../core/grey.js';
import {decodeIndex} from '../core/index-file.js';
import {Matcher} from '../core/matcher.js';
import {decodedSize, ImageDecodeError} from './image-decode.js';
import {readImageHeader} from './image-header.js';
import {resizeRgba} from './resize-rgba.js';
import {createWasmDecoder, type WasmFormat} from './wasm-decode.js';

// The same .wasm files the build bundles, read from node_modules instead of fetched from the extension.
const require = createRequire(import.meta.url);
const WASM: Record<WasmFormat, string> = {
  jpeg: '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
  png: '@jsquash/png/codec/pkg/squoosh_png_bg.wasm',
  webp: '@jsquash/webp/codec/dec/webp_dec.wasm',
};
const loadWasm = vi.fn(async (f: WasmFormat) => WebAssembly.compile(readFileSync(require.resolve(WASM[f]))));
const wasmDecode = createWasmDecoder(loadWasm);
const decode = (bytes: Uint8Array) => wasmDecode(bytes, readImageHeader(bytes));

let cover: Buffer; // 1500x500 JPEG banner cut from an indexed fixture photo
let bad: Map<string, BadImage>;
let matcher: Matcher;

beforeAll(async () => {
  ({cover, bad} = await fixtureCoverAndBadImages());
  matcher = new Matcher(decodeIndex(await buildFixtureIndex()));
}, 60_000);

/** Mean absolute difference per channel byte. */
function meanDiff(a: RgbaImage, b: RgbaImage): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i] - b.data[i]);
  return sum / a.data.length;
}

const rawRgba = async (bytes: Buffer): Promise<RgbaImage> => {
  const {data, info} = await sharp(bytes).ensureAlpha().raw().toBuffer({resolveWithObject: true});
  return {data, width: info.width, height: info.height};
};

describe('WASM decode (Node, the codecs the extension bundles)', () => {
  it('decodes lossless PNG and WebP to exactly the pixels sharp reads', async () => {
    const small = sharp(cover).resize(600, 200);
    for (const bytes of [await small.clone().png().toBuffer(), await small.clone().webp({lossless: true}).toBuffer()]) {
      expect(meanDiff(await decode(bytes), await rawRgba(bytes))).toBe(0);
    }
  });

  it('downsizes a wide cover to the size the canvas path reads, with pixels close to sharp\'s', async () => {
    const img = await decode(cover);
    expect([img.width, img.height]).toEqual([1024, 341]);
    expect(decodedSize(1500, 500)).toEqual({width: 1024, height: 341});
    // sharp decodes with libjpeg-turbo; the same area average on its pixels: only IDCT rounding differs.
    const full = await rawRgba(cover);
    expect(meanDiff(img, resizeRgba(full, 1024, 341))).toBeLessThan(1);
  });

  it('finds the stock photo with the same confidence as sharp-decoded pixels', async () => {
    for (const bytes of [cover, bad.get('deep.png')!.bytes, bad.get('rotated.jpg')!.bytes, await sharp(cover).webp({quality: 80}).toBuffer()]) {
      const viaWasm = checkPixels(matcher, await decode(bytes)).match;
      const viaSharp = checkPixels(matcher, await sharpDecode(Buffer.from(bytes))).match;
      expect(viaWasm?.meta.id).toBe('fixture:city-night');
      expect(viaWasm!.score).toBeGreaterThan(0.9);
      expect(Math.abs(viaWasm!.score - viaSharp!.score)).toBeLessThan(0.05);
    }
  });

  it('applies EXIF orientation, as the canvas path does', async () => {
    const img = await decode(bad.get('rotated.jpg')!.bytes); // stored 500x1500, orientation 6
    expect([img.width, img.height]).toEqual([1024, 341]);
  });

  it('gives formats it cannot read a clear per-image error', async () => {
    await expect(decode(bad.get('animated.gif')!.bytes)).rejects.toThrow(
      new ImageDecodeError('a GIF image cannot be checked in this browser: its canvas readback is not exact (privacy protection), and the exact decoder reads only JPEG, PNG and WebP'),
    );
    await expect(decode(bad.get('noise.jpg')!.bytes)).rejects.toThrow(/^an unrecognised image format cannot be checked/);
    // A JPEG with an impossible sample precision: the decoder refuses it, and the next image still decodes.
    const broken = Buffer.from(cover);
    broken[broken.indexOf(Buffer.from([0xff, 0xc0])) + 4] = 3;
    await expect(decode(broken)).rejects.toThrow(new ImageDecodeError('damaged or unsupported image (JPEG, exact decoder)'));
    expect((await decode(cover)).width).toBe(1024);
    // What the canvas path reads but these decoders do not: an error for that image, not a wrong answer.
    await expect(decode(bad.get('cmyk.jpg')!.bytes)).rejects.toThrow('damaged or unsupported image (JPEG, exact decoder)');
    await expect(decode(bad.get('animated.webp')!.bytes)).rejects.toThrow('damaged or unsupported image (WEBP, exact decoder)');
  });

  it('compiles each codec once, and tries again after a failed load', async () => {
    const failing = vi.fn(async (f: WasmFormat) => {
      if (failing.mock.calls.length === 1) throw new Error("refused by the page's CSP");
      return loadWasm(f);
    });
    const fresh = createWasmDecoder(failing);
    const small = await sharp(cover).resize(300, 100).png().toBuffer();
    await expect(fresh(small, readImageHeader(small))).rejects.toThrow("the exact image decoder could not start (refused by the page's CSP)");
    expect((await fresh(small, readImageHeader(small))).width).toBe(300);
    await fresh(small, readImageHeader(small));
    expect(failing).toHaveBeenCalledTimes(2);
  });
});
