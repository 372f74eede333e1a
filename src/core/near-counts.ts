/** The chance-rate pass in WebAssembly (src/core/wasm/near-counts.wat), loaded with one reference sample. */
import {BYTES} from './wasm/near-counts.js';
import {ensureMemory, instantiate} from './wasm-instance.js';

/** Byte offsets of the module's memory layout (see the .wat file's header). */
const HISTOGRAM_AT = 0;
const CODES_AT = 128;
/** Distances counted: 0..MAX_COUNTED_DISTANCE, fixed in the module (a histogram of 17 counters, cleared as 68 bytes). */
export const MAX_COUNTED_DISTANCE = 16;

export interface NearCounter {
  /** Fills `histogram` (windows of other photos at each distance 0..16 from the code) and returns how many other photos' windows there are. */
  count(hi: number, lo: number, photo: number): number;
  readonly histogram: Int32Array;
}

/** A module holding this reference: codes (hi, lo) and the photo of each window. */
export function createNearCounter(refHi: Uint32Array, refLo: Uint32Array, refPhoto: Int32Array): NearCounter {
  const n = refHi.length;
  const {memory, count} = instantiate<{count: (hi: number, lo: number, photo: number, n: number) => number}>(BYTES);
  ensureMemory(memory, CODES_AT + 12 * n);
  // Low word first: the module reads each code as one little-endian i64. Like the other loaders,
  // this writes through host-order typed arrays: every engine Cliché runs on is little-endian.
  const codes = new Uint32Array(memory.buffer, CODES_AT, 2 * n);
  for (let k = 0; k < n; k++) {
    codes[2 * k] = refLo[k];
    codes[2 * k + 1] = refHi[k];
  }
  new Int32Array(memory.buffer, CODES_AT + 8 * n, n).set(refPhoto);
  // Views made after the one grow above stay valid: the module never grows its memory.
  const histogram = new Int32Array(memory.buffer, HISTOGRAM_AT, MAX_COUNTED_DISTANCE + 1);
  return {count: (hi, lo, photo) => count(hi, lo, photo, n), histogram};
}
