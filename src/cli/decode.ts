/** Node image decoding (sharp) into the RGBA the core expects: the CLI's side of the shared pipeline. */
import sharp from 'sharp';
import type {RgbaImage} from '../core/grey.js';

/**
 * Images declaring more pixels than this are refused before decoding (decompression bombs):
 * 100 megapixels is above any stock photo libraries serve for download by default.
 */
export const MAX_INPUT_PIXELS = 100_000_000;

export class DecodeError extends Error {
  override name = 'DecodeError';
}

/** Decodes the first frame, applies EXIF orientation, converts to sRGB 8-bit RGBA. */
export async function decodeImage(input: Buffer | string): Promise<RgbaImage> {
  try {
    const {data, info} = await sharp(input, {limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', pages: 1})
      .rotate()
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({depth: 'uchar'})
      .toBuffer({resolveWithObject: true});
    return {data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height};
  } catch (err) {
    throw new DecodeError(describeSharpError(err));
  }
}

function describeSharpError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/unsupported image format/i.test(message)) return 'not an image (unsupported or unknown format)';
  if (/pixel limit/i.test(message)) return `image too large (over ${MAX_INPUT_PIXELS / 1e6} megapixels)`;
  if (/premature end|truncated|corrupt|VipsJpeg|bad|invalid/i.test(message)) return `damaged image: ${message.split('\n')[0]}`;
  return message.split('\n')[0];
}
