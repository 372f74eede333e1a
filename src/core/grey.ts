/** Pixels in, one grey plane at a chosen size out: the only signal the fingerprints look at. */
import {greyRows} from './grey-rows.js';

export interface RgbaImage {
  /** width * height * 4 bytes, row-major RGBA (canvas ImageData, sharp raw output). */
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
}

export interface GreyPlane {
  data: Float32Array;
  width: number;
  height: number;
}

/** Rejects pixel buffers whose size does not match their declared dimensions. */
export function assertRgba(img: RgbaImage): void {
  const {width, height, data} = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image dimensions must be positive integers, got ${width}x${height}`);
  }
  if (data.length !== width * height * 4) {
    throw new RangeError(`RGBA buffer holds ${data.length} bytes, ${width}x${height} needs ${width * height * 4}`);
  }
}

/** Source pixel spans (index, weight) covering each output pixel, for area-average resampling. */
export interface Spans {
  start: Int32Array;
  count: Int32Array;
  /** count[i] weights of output pixel i from weights[i * stride]; they sum to 1. */
  weights: Float32Array;
  stride: number;
}

export function spans(srcLen: number, dstLen: number): Spans {
  const ratio = srcLen / dstLen;
  const stride = Math.ceil(ratio) + 2;
  const start = new Int32Array(dstLen);
  const count = new Int32Array(dstLen);
  const weights = new Float32Array(dstLen * stride);
  for (let i = 0; i < dstLen; i++) {
    const a = i * ratio;
    const b = Math.min(srcLen, (i + 1) * ratio);
    const first = Math.floor(a);
    let n = 0;
    for (let s = first; s < b && n < stride; s++, n++) {
      weights[i * stride + n] = (Math.min(b, s + 1) - Math.max(a, s)) / (b - a);
    }
    start[i] = first;
    count[i] = n;
  }
  return {start, count, weights, stride};
}

/**
 * Area-average resample straight from RGBA to grey (ITU-R 601 luma) at dstW x dstH.
 * Works in two separable passes so a 24-megapixel photo never needs a full-size grey copy.
 * Fully transparent pixels count as white, as blockhash does, so logos on transparency hash alike.
 */
export function greyAtSize(img: RgbaImage, dstW: number, dstH: number): GreyPlane {
  assertRgba(img);
  const {width: sw, height: sh, data} = img;
  const rows = greyRows(data, sw, sh, spans(sw, dstW));
  const v = spans(sh, dstH);
  const out = new Float32Array(dstW * dstH);
  for (let y = 0; y < dstH; y++) {
    const s0 = v.start[y];
    const wBase = y * v.stride;
    for (let k = 0; k < v.count[y]; k++) {
      const w = v.weights[wBase + k];
      const srcRow = (s0 + k) * dstW;
      const dstRow = y * dstW;
      for (let x = 0; x < dstW; x++) out[dstRow + x] += rows[srcRow + x] * w;
    }
  }
  return {data: out, width: dstW, height: dstH};
}
