/** Node image decoding (sharp) into the RGBA the core expects: the CLI's side of the shared pipeline. */
import sharp from 'sharp';
import type {RgbaImage} from '../core/grey.js';

/**
 * Images declaring more pixels than this are refused before decoding (decompression bombs):
 * 100 megapixels is above any stock photo libraries serve for download by default. Measured: a
 * 109-byte PNG declaring 30000x30000 is refused from its header; a real 100-megapixel PNG (97 KB of
 * zeros) decodes in about 5 s with a 512 MB peak for the whole `cliche check` process.
 */
export const MAX_INPUT_PIXELS = 100_000_000;

/** The input cannot be decoded; the message says why in words a user can act on. */
export class DecodeError extends Error {
  override name = 'DecodeError';
}

/** The input is an image, but not one to check (an SVG drawing): reported as skipped, not as an error. */
export class SkippedImage extends Error {
  override name = 'SkippedImage';
}

/**
 * Decodes the first frame, applies EXIF orientation, converts to sRGB 8-bit RGBA (16-bit and CMYK
 * inputs included). The header is read first: SVG is skipped without rendering it, and the pixel
 * limit is checked before any pixel is decoded.
 */
export async function decodeImage(input: Buffer | string): Promise<RgbaImage> {
  const options = {limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', pages: 1} as const;
  try {
    const {format} = await sharp(input, options).metadata();
    if (format === 'svg') throw new SkippedImage('SVG drawing, not a photo');
    const {data, info} = await sharp(input, options)
      .rotate()
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({depth: 'uchar'})
      .toBuffer({resolveWithObject: true});
    return {data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height};
  } catch (err) {
    if (err instanceof SkippedImage) throw err;
    throw new DecodeError(describeSharpError(err));
  }
}

export function describeSharpError(err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  if (/unsupported image format/i.test(message)) return 'not an image (unsupported or unknown format)';
  if (/pixel limit/i.test(message)) return `image too large (over ${MAX_INPUT_PIXELS / 1e6} megapixels)`;
  if (/premature end|truncated|corrupt|libpng|read error|VipsJpeg|bad|invalid|unable to parse/i.test(message)) return `damaged image: ${message}`;
  return message;
}
