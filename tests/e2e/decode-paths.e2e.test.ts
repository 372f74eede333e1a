/**
 * The two decode paths side by side on one cover: Chromium's createImageBitmap + OffscreenCanvas
 * (the background's normal path, same calls and size) against the WASM decoder in Node. Their
 * pixels differ only by resampling; the match must not.
 */
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {chromium, type Browser} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {decodedSize} from '../../src/background/image-decode.js';
import {readImageHeader} from '../../src/background/image-header.js';
import {createWasmDecoder, type WasmFormat} from '../../src/background/wasm-decode.js';
import {checkPixels} from '../../src/core/check-pixels.js';
import type {RgbaImage} from '../../src/core/grey.js';
import {decodeIndex} from '../../src/core/index-file.js';
import {Matcher} from '../../src/core/matcher.js';
import {banner} from '../../tools/browser/banner.js';
import {CHROMIUM} from '../../tools/browser/launch.js';
import {buildFixtureIndex, PHOTO_DIR} from './fixture-index.js';

const require = createRequire(import.meta.url);
const WASM: Record<WasmFormat, string> = {
  jpeg: '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
  png: '@jsquash/png/codec/pkg/squoosh_png_bg.wasm',
  webp: '@jsquash/webp/codec/dec/webp_dec.wasm',
};
const wasmDecode = createWasmDecoder(async (f) => WebAssembly.compile(readFileSync(require.resolve(WASM[f]))));

let browser: Browser;
let matcher: Matcher;
beforeAll(async () => {
  browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update']});
  matcher = new Matcher(decodeIndex(await buildFixtureIndex()));
});
afterAll(async () => {
  await browser?.close();
});

/** decodeWithCanvas of src/background/image-decode.ts, run in a Chromium page. */
async function canvasDecode(bytes: Buffer, width: number, height: number): Promise<RgbaImage> {
  const page = await browser.newPage();
  const data = await page.evaluate(async ({b64, width, height}) => {
    const blob = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]);
    const bitmap = await createImageBitmap(blob, {imageOrientation: 'from-image'});
    const ctx = new OffscreenCanvas(width, height).getContext('2d', {willReadFrequently: true})!;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    // Base64 back: a plain array of a million numbers takes seconds to cross the protocol.
    const px = ctx.getImageData(0, 0, width, height).data;
    let bin = '';
    for (let i = 0; i < px.length; i += 0x8000) bin += String.fromCharCode(...px.subarray(i, i + 0x8000));
    return btoa(bin);
  }, {b64: bytes.toString('base64'), width, height});
  await page.close();
  return {data: new Uint8ClampedArray(Buffer.from(data, 'base64')), width, height};
}

describe('canvas path (Chromium) and WASM path (Node) on the same cover', () => {
  it.each([
    ['city-night.jpg', 3, 1500],
    ['landscape-mountains.jpg', 820 / 312, 1640],
  ])('%s: same size, close pixels, same photo at nearly the same confidence', async (photo, aspect, width) => {
    const cover = await banner(join(PHOTO_DIR, photo), aspect, width);
    const viaWasm = await wasmDecode(cover, readImageHeader(cover));
    const size = decodedSize(width, Math.round(width / aspect));
    expect([viaWasm.width, viaWasm.height]).toEqual([size.width, size.height]);
    const viaCanvas = await canvasDecode(cover, size.width, size.height);
    let diff = 0;
    for (let i = 0; i < viaWasm.data.length; i++) diff += Math.abs(viaWasm.data[i] - viaCanvas.data[i]);
    // Different downscaling filters (area average vs Chromium's 'high'): measured 0.20-0.35 levels.
    expect(diff / viaWasm.data.length).toBeLessThan(2);
    const a = checkPixels(matcher, viaWasm).match;
    const b = checkPixels(matcher, viaCanvas).match;
    expect(a?.meta.id).toBe(`fixture:${photo.replace('.jpg', '')}`);
    expect(b?.meta.id).toBe(a?.meta.id);
    expect(a!.score).toBeGreaterThan(0.85);
    expect(Math.abs(a!.score - b!.score)).toBeLessThan(0.05);
    console.log(`${photo}: mean |diff| ${(diff / viaWasm.data.length).toFixed(2)}, confidence WASM ${a!.score.toFixed(3)} canvas ${b!.score.toFixed(3)}`);
  });
});
