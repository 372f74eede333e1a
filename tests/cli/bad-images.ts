/** Bad image inputs made on the fly with sharp and hand-written PNG chunks (no ImageMagick, no files checked in). */
import {deflateSync} from 'node:zlib';
import sharp from 'sharp';
import {join} from 'node:path';
import {crc32} from '../../src/core/crc32.js';
import {banner} from '../../tools/browser/banner.js';
import {PHOTO_DIR} from '../e2e/fixture-index.js';

/** What a checker should answer for an input: a match with this photo, a skip, or an error. */
export type Expected = {match: string} | {skipped: RegExp} | {error: RegExp};

export interface BadImage {
  name: string;
  bytes: Buffer;
  /** The answer the CLI gives for it (the extension maps the same inputs to its own states). */
  expected: Expected;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/**
 * A 109-byte PNG whose header (with a valid CRC) declares width x height, 8-bit grey, followed by a
 * little real image data: a decoder that trusts the header allocates width * height before it
 * finds out the data is short.
 */
export function pngBomb(width = 30_000, height = 30_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Deterministic noise (xorshift32): "random bytes served as an image", the same on every run. */
export function noise(length: number, seed = 0x2545f491): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="300"><rect width="800" height="300" fill="#3a6"/><circle cx="400" cy="150" r="120" fill="#fd0"/></svg>';
const HTML = '<!doctype html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>';

/**
 * Every bad input, derived from `cover` (a JPEG banner cut from an indexed photo): the variants
 * that are still the same picture (CMYK, 16-bit, EXIF-rotated, animated) must still match `photoId`.
 */
export async function badImages(cover: Buffer, photoId: string): Promise<BadImage[]> {
  const png = await sharp(cover).png().toBuffer();
  const webp = await sharp(cover).webp({quality: 80}).toBuffer();
  // Stored turned 90° anticlockwise with orientation 6 ("rotate 90° clockwise to view"): only a
  // decoder that applies EXIF orientation sees the banner upright.
  const rotated = await sharp(await sharp(cover).rotate(-90).toBuffer()).withMetadata({orientation: 6}).jpeg({quality: 90}).toBuffer();
  // Frame 1 the cover, frame 2 its mirror image: only the first frame may be checked.
  const frames = async (format: 'gif' | 'webp') => {
    const animation = sharp([cover, await sharp(cover).flop().toBuffer()], {join: {animated: true}});
    return (format === 'gif' ? animation.gif({loop: 0, delay: [500, 500]}) : animation.webp({loop: 0, delay: [500, 500], quality: 85})).toBuffer();
  };
  return [
    {name: 'empty.jpg', bytes: Buffer.alloc(0), expected: {error: /empty/}},
    {name: 'truncated.jpg', bytes: cover.subarray(0, Math.floor(cover.length / 2)), expected: {error: /damaged image/}},
    {name: 'truncated.png', bytes: png.subarray(0, Math.floor(png.length / 2)), expected: {error: /damaged image/}},
    {name: 'truncated.webp', bytes: webp.subarray(0, Math.floor(webp.length / 2)), expected: {error: /damaged image/}},
    {name: 'page.jpg', bytes: Buffer.from(HTML), expected: {error: /not an image/}},
    {name: 'noise.jpg', bytes: noise(20_000), expected: {error: /not an image/}},
    {name: 'drawing.svg', bytes: Buffer.from(SVG), expected: {skipped: /SVG/}},
    {name: 'animated.gif', bytes: await frames('gif'), expected: {match: photoId}},
    {name: 'animated.webp', bytes: await frames('webp'), expected: {match: photoId}},
    {name: 'deep.png', bytes: await sharp(cover).toColourspace('rgb16').png().toBuffer(), expected: {match: photoId}},
    {name: 'cmyk.jpg', bytes: await sharp(cover).toColourspace('cmyk').jpeg({quality: 90}).toBuffer(), expected: {match: photoId}},
    {name: 'rotated.jpg', bytes: rotated, expected: {match: photoId}},
    {name: 'pixel.png', bytes: await sharp({create: {width: 1, height: 1, channels: 4, background: '#0000'}}).png().toBuffer(), expected: {skipped: /too small/}},
    {name: 'icon.png', bytes: await sharp(cover).resize(32, 32).png().toBuffer(), expected: {skipped: /too small/}},
    {name: 'bomb.png', bytes: pngBomb(), expected: {error: /too large/}},
    {name: 'strip.png', bytes: await sharp({create: {width: 60_000, height: 60, channels: 3, background: '#888'}}).png().toBuffer(), expected: {skipped: /elongated/}},
  ];
}

/** The background's decoder tests' inputs: a 1500x500 cover cut from the city-night fixture, and every bad input made from it, by name. */
export async function fixtureCoverAndBadImages(): Promise<{cover: Buffer; bad: Map<string, BadImage>}> {
  const cover = await banner(join(PHOTO_DIR, 'city-night.jpg'), 3, 1500);
  return {cover, bad: new Map((await badImages(cover, 'fixture:city-night')).map((b) => [b.name, b]))};
}
