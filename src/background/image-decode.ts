/** Image bytes -> RGBA off the page's main thread (service worker or event page, no DOM needed). */
import type {RgbaImage} from '../core/grey.js';

/**
 * The long side is reduced to this before reading pixels: the query is resampled to ~128 px
 * (QUERY_BASE) anyway, and 1024 keeps a 4K banner's readback at 4 MB instead of 33 MB.
 */
export const MAX_DECODE_SIDE = 1024;

export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

export function decodedSize(width: number, height: number, maxSide = MAX_DECODE_SIDE): {width: number; height: number} {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return {width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale))};
}

export async function decodeBlob(blob: Blob): Promise<RgbaImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new ImageDecodeError('not a readable image');
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
