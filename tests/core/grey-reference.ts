/**
 * greyAtSize's horizontal pass as it was written in TypeScript before it moved to WebAssembly
 * (src/core/wasm/grey-rows.wat): the reference the module must match bit for bit.
 */
import type {Spans} from '../../src/core/grey.js';

/** Each source row area-averaged to the spans' output width, as ITU-R 601 luma; transparent pixels white. */
export function referenceGreyRows(data: Uint8Array | Uint8ClampedArray, sw: number, sh: number, h: Spans): Float32Array {
  const dstW = h.start.length;
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
  return rows;
}
