/** The window hash's arithmetic in WebAssembly (src/core/wasm/window-dct.wat), instantiated with the caller's tables. */
import {BYTES} from './wasm/window-dct.js';
import {instantiate} from './wasm-instance.js';

/** Byte offsets of the module's memory layout (see the .wat file's header). */
const CORNERS_AT = 0;
const COS_AT = 8584;
const ZIGZAG_U_AT = 10120;
const ZIGZAG_V_AT = 10184;
const OUT_AT = 10248;
const COS_PAIRS_AT = 10256;
const PAIR_STARTS_AT = 11024;
/** The row pass's frequency pairs (u, u + 2), by their first: both of a pair fold the same way (same parity). */
const PAIR_STARTS = [0, 4, 8, 1, 5, 9];
/** The module's fixed shapes: 17x17 corners, a 12 x 16 cosine table, 64 coefficients, 10 row frequencies. */
const CORNER_COUNT = 17 * 17;
const COS_COUNT = 12 * 16;
const CODE_BITS = 64;
const MODULE_ROW_FREQS = 10;

export interface WindowDct {
  /** The grid corners of the window to hash (17 x 17, row-major): written by the caller. */
  readonly corners: Float64Array;
  /** The last code computed: [hi, lo]. */
  readonly out: Uint32Array;
  /** Hashes `corners`, blocks of `area` pixels; returns the contrast (code untouched under minContrast). */
  fromCorners(area: number, minContrast: number): number;
}

/** A new instance, its tables filled from the caller's own (so the module and tile-hash.ts agree by construction). */
export function createWindowDct(cos: Float64Array, zigzagU: Uint8Array, zigzagV: Uint8Array, rowFreqs: number): WindowDct {
  if (cos.length !== COS_COUNT || zigzagU.length !== CODE_BITS || zigzagV.length !== CODE_BITS || rowFreqs !== MODULE_ROW_FREQS) {
    throw new Error('window-dct.wat was written for another DCT shape: update it with tile-hash.ts');
  }
  const {memory, fromCorners} = instantiate<{fromCorners: (area: number, minContrast: number) => number}>(BYTES);
  new Float64Array(memory.buffer, COS_AT, COS_COUNT).set(cos);
  new Uint8Array(memory.buffer, ZIGZAG_U_AT, CODE_BITS).set(zigzagU);
  new Uint8Array(memory.buffer, ZIGZAG_V_AT, CODE_BITS).set(zigzagV);
  new Uint8Array(memory.buffer, PAIR_STARTS_AT, PAIR_STARTS.length).set(PAIR_STARTS);
  // A folded dot product reads the first half of a cosine row only (8 of 16).
  const pairs = new Float64Array(memory.buffer, COS_PAIRS_AT, PAIR_STARTS.length * 8 * 2);
  PAIR_STARTS.forEach((u, p) => {
    for (let c = 0; c < 8; c++) {
      pairs[p * 16 + c * 2] = cos[u * 16 + c];
      pairs[p * 16 + c * 2 + 1] = cos[(u + 2) * 16 + c];
    }
  });
  // The memory never grows (no memory.grow in the module), so these views stay valid.
  return {corners: new Float64Array(memory.buffer, CORNERS_AT, CORNER_COUNT), out: new Uint32Array(memory.buffer, OUT_AT, 2), fromCorners};
}
