/**
 * greyAtSize as it was written in TypeScript before its horizontal pass moved to WebAssembly
 * (src/core/wasm/grey-rows.wat): the reference the module must match bit for bit.
 */
import {spans, type GreyPlane, type RgbaImage} from '../../src/core/grey.js';

/**
 * Area-average resample straight from RGBA to grey (ITU-R 601 luma) at dstW x dstH.
 * Works in two separable passes so a 24-megapixel photo never needs a full-size grey copy.
 * Fully transparent pixels count as white, as blockhash does, so logos on transparency hash alike.
 */
export function referenceGreyAtSize(img: RgbaImage, dstW: number, dstH: number): GreyPlane {
  const {width: sw, height: sh, data} = img;
  const h = spans(sw, dstW);
  const rows = new Float32Array(dstW * sh);
  for (let y = 0; y < sh; y++) {
    const rowBase = y * sw * 4;
    for (let x = 0; x < dstW; x++) {
      let acc = 0;
      const s0 = h.start[x];
      const wBase = x * h.stride;
      for (let k = 0; k < h.count[x]; k++) {
        const p = rowBase + (s0 + k) * 4;
        const luma = data[p + 3] === 0 ? 255 : 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
        acc += luma * h.weights[wBase + k];
      }
      rows[y * dstW + x] = acc;
    }
  }
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
