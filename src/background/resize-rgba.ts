/**
 * Area-average downsizing of RGBA pixels in plain JS, for the WASM decode path: the canvas that
 * the normal path draws into is the thing that cannot be trusted there.
 */
import {spans, type RgbaImage, type Spans} from '../core/grey.js';

/**
 * Downsizes to width x height (never enlarges: the caller asks for decodedSize()). Colours are
 * averaged weighted by alpha, as a canvas does with its premultiplied pixels, so a transparent
 * pixel's hidden colour does not bleed into its neighbours. Streams source rows: memory is the
 * output plus one row of accumulators, not a full-size intermediate copy.
 */
export function resizeRgba(src: RgbaImage, width: number, height: number): RgbaImage {
  if (width === src.width && height === src.height) return src;
  if (width > src.width || height > src.height) throw new RangeError(`resizeRgba only shrinks (${src.width}x${src.height} -> ${width}x${height})`);
  const {data, width: sw, height: sh} = src;
  const h = spans(sw, width);
  const v = spans(sh, height);
  // Output row y's premultiplied sums, filled by the source rows it covers, then written out.
  const acc = new Float64Array(width * 4);
  const row = new Float64Array(width * 4);
  const out = new Uint8ClampedArray(width * height * 4);
  let y = 0;
  let k = 0; // index into output row y's span
  for (let sy = 0; sy < sh && y < height; sy++) {
    resampleRow(data, sy * sw * 4, h, row);
    // A source row straddling two output rows gives each its share.
    while (y < height && k < v.count[y] && v.start[y] + k === sy) {
      const w = v.weights[y * v.stride + k];
      for (let i = 0; i < acc.length; i++) acc[i] += row[i] * w;
      k++;
      if (k === v.count[y]) {
        writeRow(acc, out, y * width * 4);
        acc.fill(0);
        y++;
        k = 0;
      }
    }
  }
  return {data: out, width, height};
}

/** One source row, horizontally averaged into premultiplied RGB and alpha per output pixel. */
function resampleRow(data: RgbaImage['data'], base: number, h: Spans, row: Float64Array): void {
  for (let x = 0; x < h.start.length; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let n = 0; n < h.count[x]; n++) {
      const p = base + (h.start[x] + n) * 4;
      const wa = h.weights[x * h.stride + n] * data[p + 3];
      r += data[p] * wa;
      g += data[p + 1] * wa;
      b += data[p + 2] * wa;
      a += wa;
    }
    row[x * 4] = r;
    row[x * 4 + 1] = g;
    row[x * 4 + 2] = b;
    row[x * 4 + 3] = a;
  }
}

function writeRow(acc: Float64Array, out: Uint8ClampedArray, base: number): void {
  for (let i = 0; i < acc.length; i += 4) {
    const a = acc[i + 3];
    // Uint8ClampedArray rounds half to even and clamps: the same 8-bit result a canvas gives.
    out[base + i] = a > 0 ? acc[i] / a : 0;
    out[base + i + 1] = a > 0 ? acc[i + 1] / a : 0;
    out[base + i + 2] = a > 0 ? acc[i + 2] / a : 0;
    out[base + i + 3] = a;
  }
}
