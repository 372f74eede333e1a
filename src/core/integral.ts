/** Summed-area table: any rectangle's mean in O(1), so hundreds of window hashes per query stay cheap. */
import type {GreyPlane} from './grey.js';

export interface Integral {
  /** (width + 1) * (height + 1) running sums; row 0 and column 0 are zero. */
  sums: Float64Array;
  width: number;
  height: number;
}

export function integralImage(plane: GreyPlane): Integral {
  const {width, height, data} = plane;
  const stride = width + 1;
  const sums = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x];
      sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + row;
    }
  }
  return {sums, width, height};
}

/**
 * Sum over [0, x) x [0, y) at fractional coordinates. The sum of a piecewise-constant image is
 * bilinear inside each pixel cell, so interpolating the table is exact, not an approximation.
 */
export function sumTo(ii: Integral, x: number, y: number): number {
  const {sums, width, height} = ii;
  const cx = x <= 0 ? 0 : x >= width ? width : x;
  const cy = y <= 0 ? 0 : y >= height ? height : y;
  const x0 = Math.min(Math.floor(cx), width - 1);
  const y0 = Math.min(Math.floor(cy), height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const stride = width + 1;
  const i = y0 * stride + x0;
  const a = sums[i];
  const b = sums[i + 1];
  const c = sums[i + stride];
  const d = sums[i + stride + 1];
  return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}
