/** One lookup table being built: the counting-sort passes over a range of windows, one call per build slice. */
import type {PhotoSet} from './photo-set.js';
import {bitsOf, outsideBits} from './code-chunks.js';

/** One table being built: each slice of the build is one call of the plain functions below. */
export interface TableBuild {
  set: PhotoSet;
  /** The chunk's bits [a, b), restOfLo and where residual bits sit. */
  a: number;
  b: number;
  /** 2^(b - a): how many chunk values, so how many buckets. */
  values: number;
  rest: number;
  /** null: no residual bits kept. */
  shift: number | null;
  offsets: Uint32Array;
  /** Next free entry of each bucket: a copy of the offsets (buildSteps) or the offsets themselves (buildAtOnce). */
  fill: Uint32Array;
  entries: Uint32Array;
  residual: Uint16Array | null;
}

/*
 * Most chunks lie within one word of the code (all four of a small index's 16-bit chunks, two of
 * a large index's three): the functions below take those out with a shift and a mask, with no
 * call to bitsOf and outsideBits per window, and each case has a loop of its own. With one loop
 * for all tables, the code compiled on the first table bailed out on the next ones, 5-6 times in
 * a cold build (--trace-deopt), against none now. First build of the default index, cold (as
 * for buildAtOnce, 2 x 30): medians 43-45 -> 36-39 ms wall, 27-28.5 -> 24-25 ms main-thread CPU.
 */

/** Bucket sizes, shifted by one (offsets[v + 1] counts value v), for windows [from, to). */
export function countRange(t: TableBuild, from: number, to: number): void {
  const {set, a, b, offsets} = t;
  if (b <= 32) return countInWord(set.hi, 32 - b, t.values - 1, offsets, from, to);
  if (a >= 32) return countInWord(set.lo, 64 - b, t.values - 1, offsets, from, to);
  const {hi, lo} = set;
  for (let i = from; i < to; i++) offsets[bitsOf(hi[i], lo[i], a, b) + 1]++;
}

/** countRange for a chunk at `(word >>> shift) & mask`. */
function countInWord(words: Uint32Array, shift: number, mask: number, offsets: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) offsets[((words[i] >>> shift) & mask) + 1]++;
}

export function prefixSums(offsets: Uint32Array): void {
  for (let v = 1; v < offsets.length; v++) offsets[v] += offsets[v - 1];
}

/** Places windows [from, to) in their buckets: check bits, window number, residual bits. */
export function fillRange(t: TableBuild, from: number, to: number): void {
  if (!t.residual && t.b <= 32) return fillChunkInHi(t, from, to);
  if (!t.residual && t.a >= 32) return fillChunkInLo(t, from, to);
  const {a, b, rest, fill, entries, residual} = t;
  const {hi, lo} = t.set;
  const shift = t.shift ?? 0;
  for (let i = from; i < to; i++) {
    const at = 2 * fill[bitsOf(hi[i], lo[i], a, b)]++;
    entries[at] = outsideBits(hi[i], lo[i], a, b);
    entries[at + 1] = i;
    if (residual) residual[at >>> 1] = (lo[i] & rest) >>> shift;
  }
}

/**
 * fillRange for a chunk [a, b) within hi, without residual bits. outsideBits then is hi's bits
 * before the chunk, those after it moved up by its width, and the top of lo below them.
 */
function fillChunkInHi(t: TableBuild, from: number, to: number): void {
  const {a, b, fill, entries} = t;
  const {hi, lo} = t.set;
  const mask = t.values - 1;
  const width = b - a;
  // Kept signed (-65,536, not 0xffff0000), a small integer: unsigned, the loop compiled on the
  // first table (where it is 0) bailed out on the second ("not a Smi").
  const before = a === 0 ? 0 : ~0 << (32 - a);
  for (let i = from; i < to; i++) {
    const at = 2 * fill[(hi[i] >>> (32 - b)) & mask]++;
    entries[at] = (hi[i] & before) | ((hi[i] << width) & ~before) | (lo[i] >>> (32 - width));
    entries[at + 1] = i;
  }
}

/** fillRange for a chunk within lo, without residual bits: outsideBits then is hi. */
function fillChunkInLo(t: TableBuild, from: number, to: number): void {
  const {b, fill, entries} = t;
  const {hi, lo} = t.set;
  const mask = t.values - 1;
  for (let i = from; i < to; i++) {
    const at = 2 * fill[(lo[i] >>> (64 - b)) & mask]++;
    entries[at] = hi[i];
    entries[at + 1] = i;
  }
}
