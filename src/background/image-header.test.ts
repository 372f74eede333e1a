import sharp from 'sharp';
import {beforeAll, describe, expect, it, vi} from 'vitest';
import {fixtureCoverAndBadImages, pngBomb, type BadImage} from '../../tests/cli/bad-images.js';
import {decodeBlob, headerVerdict, ImageDecodeError, ImageSkipped, MAX_DECODE_PIXELS} from './image-decode.js';
import {readImageHeader} from './image-header.js';

let cover: Buffer;
let bad: Map<string, BadImage>;

beforeAll(async () => {
  ({cover, bad} = await fixtureCoverAndBadImages());
}, 60_000);

const header = (name: string) => readImageHeader(bad.get(name)!.bytes);
const verdict = (bytes: Uint8Array) => headerVerdict(readImageHeader(bytes));

describe('readImageHeader', () => {
  it('reads the declared size of JPEG (baseline, progressive, CMYK, rotated), PNG, GIF, WebP (lossy, lossless, animated) and AVIF', async () => {
    expect(readImageHeader(cover)).toEqual({format: 'jpeg', width: 1500, height: 500, complete: true});
    expect(header('deep.png')).toEqual({format: 'png', width: 1500, height: 500, complete: true});
    expect(header('cmyk.jpg')).toEqual({format: 'jpeg', width: 1500, height: 500, complete: true});
    expect(header('animated.gif')).toEqual({format: 'gif', width: 1500, height: 500, complete: true});
    expect(header('animated.webp')).toEqual({format: 'webp', width: 1500, height: 500, complete: true});
    // Stored sideways: the header gives the stored size, orientation is applied by the decoder.
    expect(header('rotated.jpg')).toEqual({format: 'jpeg', width: 500, height: 1500, complete: true});
    const small = sharp(cover).resize(301, 103);
    expect(readImageHeader(await small.clone().webp({quality: 70}).toBuffer())).toEqual({format: 'webp', width: 301, height: 103, complete: true});
    expect(readImageHeader(await small.clone().webp({lossless: true}).toBuffer())).toEqual({format: 'webp', width: 301, height: 103, complete: true});
    expect(readImageHeader(await small.clone().jpeg({progressive: true}).toBuffer())).toEqual({format: 'jpeg', width: 301, height: 103, complete: true});
    expect(readImageHeader(await small.clone().gif().toBuffer())).toEqual({format: 'gif', width: 301, height: 103, complete: true});
    expect(readImageHeader(await small.clone().avif().toBuffer())).toEqual({format: 'avif', width: 301, height: 103, complete: true});
  });

  it('sees cut-off files of every format', () => {
    for (const name of ['truncated.jpg', 'truncated.png', 'truncated.webp']) expect(header(name)).toMatchObject({complete: false});
    const gif = bad.get('animated.gif')!.bytes;
    for (const cut of [20, gif.length >> 1, gif.length - 1]) expect(readImageHeader(gif.subarray(0, cut))).toMatchObject({format: 'gif', complete: false});
    for (const cut of [4, 200, cover.length - 2]) expect(readImageHeader(cover.subarray(0, cut))).toMatchObject({format: 'jpeg', complete: false});
  });

  it('tells pages, drawings, emptiness and noise apart', () => {
    expect(header('page.jpg')).toEqual({format: 'markup'});
    expect(readImageHeader(Buffer.from('\ufeff\n  <?xml version="1.0"?><feed/>'))).toEqual({format: 'markup'});
    expect(header('drawing.svg')).toEqual({format: 'svg'});
    expect(header('empty.jpg')).toEqual({format: 'empty'});
    expect(header('noise.jpg')).toEqual({format: 'unknown'});
  });

  it('reads the size a bomb declares without touching its data', async () => {
    expect(readImageHeader(pngBomb())).toEqual({format: 'png', width: 30000, height: 30000, complete: true});
    // An AVIF whose 'ispe' box is rewritten to declare 30000x30000.
    const avif = Buffer.from(await sharp(cover).resize(300, 100).avif().toBuffer());
    const ispe = avif.indexOf('ispe');
    avif.writeUInt32BE(30000, ispe + 8);
    avif.writeUInt32BE(30000, ispe + 12);
    expect(headerVerdict(readImageHeader(avif))?.message).toMatch(/^image too large \(30000x30000/);
  });
});

describe('headerVerdict: refuse or skip before decoding', () => {
  it('maps every bad input to a clear error, a skip, or "decode it"', () => {
    const outcome = (name: string) => {
      const v = verdict(bad.get(name)!.bytes);
      return v === null ? 'decode' : `${v instanceof ImageSkipped ? 'skip' : 'error'}: ${v.message}`;
    };
    expect(Object.fromEntries([...bad.keys()].map((n) => [n, outcome(n)]))).toEqual({
      'empty.jpg': 'error: empty image',
      'truncated.jpg': 'error: damaged image (JPEG cut off before its end)',
      'truncated.png': 'error: damaged image (PNG cut off before its end)',
      'truncated.webp': 'error: damaged image (WEBP cut off before its end)',
      'page.jpg': 'error: not an image (a web page)',
      'noise.jpg': 'decode', // the browser's decoder refuses it (decodeBlob test below)
      'drawing.svg': 'skip: SVG drawing, not a photo',
      'animated.gif': 'decode',
      'animated.webp': 'decode',
      'deep.png': 'decode',
      'cmyk.jpg': 'decode',
      'rotated.jpg': 'decode',
      'pixel.png': 'skip: image too small to check (1x1)',
      'icon.png': 'skip: image too small to check (32x32)',
      'bomb.png': `error: image too large (30000x30000, over ${MAX_DECODE_PIXELS / 1e6} megapixels)`,
      'strip.png': 'skip: image too elongated to check (60000x60)',
    });
  });
});

describe('decodeBlob', () => {
  it('never hands a refused image to the browser decoder', async () => {
    const createBitmap = vi.fn(async () => {
      throw new Error('must not be called');
    });
    for (const name of ['bomb.png', 'truncated.jpg', 'page.jpg', 'empty.jpg']) {
      await expect(decodeBlob(new Blob([new Uint8Array(bad.get(name)!.bytes)]), createBitmap)).rejects.toBeInstanceOf(ImageDecodeError);
    }
    for (const name of ['drawing.svg', 'pixel.png']) {
      await expect(decodeBlob(new Blob([new Uint8Array(bad.get(name)!.bytes)]), createBitmap)).rejects.toBeInstanceOf(ImageSkipped);
    }
    expect(createBitmap).not.toHaveBeenCalled();
  });

  it('says "damaged or unsupported" when the decoder refuses, and asks it for EXIF orientation', async () => {
    const refuse = vi.fn(async () => {
      throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
    });
    await expect(decodeBlob(new Blob([new Uint8Array(bad.get('noise.jpg')!.bytes)]), refuse)).rejects.toThrow('damaged or unsupported image');
    await expect(decodeBlob(new Blob([new Uint8Array(bad.get('rotated.jpg')!.bytes)]), refuse)).rejects.toThrow(ImageDecodeError);
    expect(refuse).toHaveBeenLastCalledWith(expect.any(Blob), {imageOrientation: 'from-image'});
  });
});
