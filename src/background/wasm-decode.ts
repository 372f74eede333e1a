/**
 * JPEG, PNG and WebP bytes -> RGBA with WebAssembly decoders (@jsquash, from Squoosh), for browsers
 * whose canvas readback is not exact. No canvas anywhere: decoding and downsizing are plain
 * WASM and JS, so the pixels are the file's own. Runs in Node too (the tests use it there).
 */
import decodeJpeg, {init as initJpeg} from '@jsquash/jpeg/decode.js';
import decodePng, {init as initPng} from '@jsquash/png/decode.js';
import decodeWebp, {init as initWebp} from '@jsquash/webp/decode.js';
import type {RgbaImage} from '../core/grey.js';
import {decodedSize, ImageDecodeError} from './image-decode.js';
import type {ImageHeader} from './image-header.js';
import {resizeRgba} from './resize-rgba.js';

export type WasmFormat = 'jpeg' | 'png' | 'webp';
/** Compiles one codec's .wasm: from the extension's own files in a browser, from node_modules in tests. */
export type LoadWasm = (format: WasmFormat) => Promise<WebAssembly.Module>;

const DECODERS: Record<WasmFormat, {init(m: WebAssembly.Module): Promise<unknown>; decode(b: ArrayBuffer): Promise<ImageData>}> = {
  // EXIF orientation applied, as createImageBitmap's imageOrientation 'from-image' does.
  jpeg: {init: (m) => initJpeg(m as never), decode: (b) => decodeJpeg(b, {preserveOrientation: true})},
  png: {init: (m) => initPng(m), decode: (b) => decodePng(b)},
  webp: {init: (m) => initWebp(m as never), decode: (b) => decodeWebp(b)},
};

const isWasmFormat = (f: string): f is WasmFormat => f in DECODERS;

/**
 * Decodes `bytes`, whose header the caller has already checked (size limits, completeness: the
 * decompression-bomb rule holds before any WASM memory is grown), and downsizes to decodedSize().
 */
export function createWasmDecoder(loadWasm: LoadWasm) {
  // One compile and instantiation per codec per worker life, started by the first image that needs it.
  const ready = new Map<WasmFormat, Promise<unknown>>();
  const init = (f: WasmFormat) => {
    let p = ready.get(f);
    if (!p) {
      p = loadWasm(f).then((m) => DECODERS[f].init(m));
      // A failed load (e.g. a CSP without 'wasm-unsafe-eval') is retried by the next image.
      p.catch(() => ready.delete(f));
      ready.set(f, p);
    }
    return p;
  };

  return async function wasmDecode(bytes: Uint8Array, header: ImageHeader): Promise<RgbaImage> {
    const format = header.format;
    if (!isWasmFormat(format)) {
      // GIF, AVIF, BMP and anything unrecognised: said plainly, per image, rather than guessed at.
      const what = format === 'unknown' ? 'an unrecognised image format' : `a ${format.toUpperCase()} image`;
      throw new ImageDecodeError(`${what} cannot be checked in this browser: its canvas readback is not exact (privacy protection), and the exact decoder reads only JPEG, PNG and WebP`);
    }
    try {
      await init(format);
    } catch (err) {
      throw new ImageDecodeError(`the exact image decoder could not start (${err instanceof Error ? err.message : String(err)})`);
    }
    let img: ImageData;
    try {
      // A copy: the decoders take an ArrayBuffer, and bytes may be a view into a larger one.
      img = await DECODERS[format].decode(bytes.slice().buffer);
    } catch {
      // Animated WebP and CMYK JPEG land here too: the canvas path reads them, these decoders do not.
      throw new ImageDecodeError(`damaged or unsupported image (${format.toUpperCase()}, exact decoder)`);
    }
    const {width, height} = decodedSize(img.width, img.height);
    return resizeRgba({data: img.data, width: img.width, height: img.height}, width, height);
  };
}
