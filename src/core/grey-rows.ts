/**
 * greyAtSize's horizontal pass in WebAssembly (src/core/wasm/grey-rows.wat). The RGBA goes through
 * the module's memory a strip of rows at a time, so that memory (which never shrinks) stays about
 * STRIP_BYTES whatever the photo's size.
 */
import type {Spans} from './grey.js';
import {BYTES} from './wasm/grey-rows.js';
import {ensureMemory, instantiate} from './wasm-instance.js';

/** RGBA bytes copied in per call: large enough that calls are few, small enough to keep the module's memory small. */
const STRIP_BYTES = 1 << 20;

type GreyRowsFn = (rgba: number, srcW: number, rows: number, dstW: number, starts: number, counts: number, weights: number, stride: number, out: number) => void;

let module: {memory: WebAssembly.Memory; greyRows: GreyRowsFn} | undefined;

function instance() {
  return (module ??= instantiate<{greyRows: GreyRowsFn}>(BYTES));
}

/** Each source row area-averaged to spans' output width, as luma: dstW x srcH values. */
export function greyRows(rgba: Uint8Array | Uint8ClampedArray, srcW: number, srcH: number, h: Spans): Float32Array {
  const dstW = h.start.length;
  const rows = new Float32Array(dstW * srcH);
  const stripRows = Math.max(1, Math.min(srcH, Math.floor(STRIP_BYTES / (srcW * 4))));
  // Layout: starts, counts, weights, one strip of RGBA, one strip of output (all 4-byte aligned).
  const startsAt = 0;
  const countsAt = startsAt + dstW * 4;
  const weightsAt = countsAt + dstW * 4;
  const rgbaAt = weightsAt + h.weights.length * 4;
  const outAt = rgbaAt + stripRows * srcW * 4;
  const end = outAt + stripRows * dstW * 4;
  const {memory, greyRows: run} = instance();
  ensureMemory(memory, end);
  const {buffer} = memory;
  new Int32Array(buffer, startsAt, dstW).set(h.start);
  new Int32Array(buffer, countsAt, dstW).set(h.count);
  new Float32Array(buffer, weightsAt, h.weights.length).set(h.weights);
  const strip = new Uint8Array(buffer, rgbaAt, stripRows * srcW * 4);
  const out = new Float32Array(buffer, outAt, stripRows * dstW);
  for (let y = 0; y < srcH; y += stripRows) {
    const n = Math.min(stripRows, srcH - y);
    strip.set(rgba.subarray(y * srcW * 4, (y + n) * srcW * 4));
    run(rgbaAt, srcW, n, dstW, startsAt, countsAt, weightsAt, h.stride, outAt);
    rows.set(n === stripRows ? out : out.subarray(0, n * dstW), y * dstW);
  }
  return rows;
}
