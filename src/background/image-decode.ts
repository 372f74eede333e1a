/** Image bytes -> RGBA off the page's main thread (service worker or event page, no DOM needed). */
import {MAX_CHECK_ASPECT, MIN_CHECK_SIDE} from '../core/check-pixels.js';
import type {RgbaImage} from '../core/grey.js';
import {canvasReadbackExact} from './canvas-readback.js';
import {readImageHeader, type ImageHeader} from './image-header.js';

/**
 * The long side is reduced to this before reading pixels: the query is resampled to ~128 px
 * (QUERY_BASE) anyway, and 1024 keeps a 4K banner's readback at 4 MB instead of 33 MB.
 */
export const MAX_DECODE_SIDE = 1024;
/**
 * Images declaring more pixels are refused from their header, before the browser decodes them: an
 * 8K photo (33 MP) passes; 40 MP is 160 MB of bitmap in the worker. A 109-byte PNG declaring
 * 30000x30000 would otherwise ask for 3.6 GB.
 */
export const MAX_DECODE_PIXELS = 40_000_000;

/** The image cannot be checked; the message says why. */
export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

/** Not an error: an image with nothing to check (icon, spacer, SVG drawing). The page shows nothing for it. */
export class ImageSkipped extends Error {
  override name = 'ImageSkipped';
}

export function decodedSize(width: number, height: number, maxSide = MAX_DECODE_SIDE): {width: number; height: number} {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale))};
}

/** The verdict on an image from its header alone: an error, a skip, or null to go on decoding. */
export function headerVerdict(h: ImageHeader): ImageDecodeError | ImageSkipped | null {
  switch (h.format) {
    case 'empty':
      return new ImageDecodeError('empty image');
    case 'markup':
      return new ImageDecodeError('not an image (a web page)');
    case 'svg':
      return new ImageSkipped('SVG drawing, not a photo');
    case 'unknown':
      return null; // AVIF, ICO...: the browser's decoder decides
  }
  const {width, height} = h;
  if (width === 0 || height === 0) return new ImageDecodeError(`damaged image (no ${h.format.toUpperCase()} size)`);
  if (width * height > MAX_DECODE_PIXELS) return new ImageDecodeError(`image too large (${width}x${height}, over ${MAX_DECODE_PIXELS / 1e6} megapixels)`);
  if (!h.complete) return new ImageDecodeError(`damaged image (${h.format.toUpperCase()} cut off before its end)`);
  if (Math.min(width, height) < MIN_CHECK_SIDE) return new ImageSkipped(`image too small to check (${width}x${height})`);
  if (Math.max(width, height) > MAX_CHECK_ASPECT * Math.min(width, height)) return new ImageSkipped(`image too elongated to check (${width}x${height})`);
  return null;
}

export type CreateBitmap = (blob: Blob, options: ImageBitmapOptions) => Promise<ImageBitmap>;

/** What decodeImage needs from its browser; tests pass fakes. */
export interface DecodeDeps {
  createBitmap: CreateBitmap;
  /** Whether canvas readback gives the pixels exactly (canvas-readback.ts, probed once per worker life). */
  readbackExact(): boolean;
  /** The exact decoder for bytes whose header passed headerVerdict. */
  wasmDecode(bytes: Uint8Array, header: ImageHeader): Promise<RgbaImage>;
}

export const NO_WASM_IN_CHROME = 'this browser alters canvas readback (privacy protection), and the exact decoder is not available in the Chrome build';

const browserDeps: DecodeDeps = {
  createBitmap: (b, o) => createImageBitmap(b, o),
  readbackExact: () => canvasReadbackExact(),
  // A separate chunk, imported only here: the normal path never loads the decoders or their WASM.
  // Chrome's background is a service worker, where import() is refused ("disallowed on
  // ServiceWorkerGlobalScope", seen in Chromium 156); a static import would grow every start by the
  // decoders' 43 KB of glue for a case Chrome does not have (it never randomizes readback). So the
  // Chrome build leaves the fallback out and says so per image; Firefox's event page imports it.
  wasmDecode:
    import.meta.env.MODE === 'chrome'
      ? async () => {
          throw new ImageDecodeError(NO_WASM_IN_CHROME);
        }
      : async (bytes, header) => (await import('./wasm-fallback.js')).wasmDecode(bytes, header),
};

/**
 * Header checks first (bombs, pages, cut-off files refused before any decoder runs), then the
 * browser's decoder and a canvas, or the WASM decoder where canvas readback is not exact.
 */
export async function decodeImage(blob: Blob, deps: DecodeDeps = browserDeps): Promise<RgbaImage> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const header = readImageHeader(bytes);
  const verdict = headerVerdict(header);
  if (verdict) throw verdict;
  if (!deps.readbackExact()) return deps.wasmDecode(bytes, header);
  return decodeWithCanvas(blob, deps.createBitmap);
}

/** The canvas path alone (after the header checks): what decodeImage does where readback is exact. */
export function decodeBlob(blob: Blob, createBitmap: CreateBitmap = browserDeps.createBitmap): Promise<RgbaImage> {
  return decodeImage(blob, {...browserDeps, createBitmap, readbackExact: () => true});
}

/** First frame of animations, EXIF orientation applied (imageOrientation 'from-image'). */
async function decodeWithCanvas(blob: Blob, createBitmap: CreateBitmap): Promise<RgbaImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createBitmap(blob, {imageOrientation: 'from-image'});
  } catch {
    throw new ImageDecodeError('damaged or unsupported image');
  }
  try {
    const {width, height} = decodedSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    if (!ctx) throw new ImageDecodeError('no 2D canvas available');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    const {data} = ctx.getImageData(0, 0, width, height);
    return {data, width, height};
  } finally {
    bitmap.close();
  }
}
