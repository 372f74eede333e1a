/**
 * Multi-index hashing over the 64-bit window codes: the code is cut into m chunks, one table per
 * chunk. Two codes within Hamming distance m - 1 share at least one chunk exactly (pigeonhole);
 * farther true pairs are still found often, because a query brings many near-duplicate windows
 * for each indexed one. Chunks should be about log2(windows) bits wide (Norouzi et al., MIH):
 * narrower chunks make buckets of thousands of chance entries in a large index.
 */
import type {PhotoSet} from './photo-set.js';
import {popcount32} from './tile-hash.js';
import {bitsOf, outsideBits} from './code-chunks.js';
import {buildAtOnce, buildSteps, RESIDUAL_FROM_WINDOWS, type Tables} from './lookup-tables.js';

export {BUILD_SLICE, RESIDUAL_FROM_WINDOWS} from './lookup-tables.js';

/**
 * Up to this many windows (about 1,400 photos) four 16-bit chunks; beyond, three of 21-22 bits.
 * Measured: at 10^4 photos four chunks gave p95 233 ms, at 10^5 three chunks 78 ms, with as many
 * true matches found (48/60 and 50/60 queries).
 */
export const SMALL_INDEX_WINDOWS = 1 << 18;

/**
 * A hit packs (index window, query window, distance) into one number, so a query's hits sort
 * natively by index window (then query window) in a Float64Array: no per-hit objects.
 */
const QUERY_BITS = 2 ** 14;
const DISTANCE_BITS = 2 ** 7;
export const MAX_QUERY_WINDOWS = QUERY_BITS;
export const packHit = (w: number, q: number, d: number) => (w * QUERY_BITS + q) * DISTANCE_BITS + d;
export const hitWindow = (hit: number) => Math.floor(hit / (QUERY_BITS * DISTANCE_BITS));
export const hitQuery = (hit: number) => Math.floor(hit / DISTANCE_BITS) % QUERY_BITS;
export const hitDistance = (hit: number) => hit % DISTANCE_BITS;

/**
 * An index of this many windows or fewer is built without pausing at all (see WindowLookup.build).
 */
export const BUILD_AT_ONCE_WINDOWS = 1 << 16;

/** Lookup chunks for an index of this many windows. */
export const chunksFor = (windows: number) => (windows <= SMALL_INDEX_WINDOWS ? 4 : 3);
const defaultChunks = (set: PhotoSet) => chunksFor(set.hi.length);

export class WindowLookup {
  private readonly offsets: Uint32Array[];
  private readonly bucketCap: number[];
  private readonly entries: Uint32Array[];
  /** Chunk c covers code bits [bounds[c], bounds[c + 1]). */
  readonly bounds: number[];
  /** Per table: restOfLo of its chunk, and the entries' bits under it when kept (large indexes). */
  private readonly restMasks: number[];
  private readonly residual: (Uint16Array | null)[];
  private readonly residualShifts: number[];
  /** XOR of the entries lookupTable touches ahead of its scans: kept so the compiler cannot drop those reads. */
  private touched = 0;
  /** lookupTable's scratch arrays, grown as queries need. */
  private scratch: ProbeScratch | null = null;

  /** `residualFrom`: windows from which the tables keep residual bits (RESIDUAL_FROM_WINDOWS; tests lower it). */
  constructor(private readonly set: PhotoSet, chunks = defaultChunks(set), tables?: Tables, residualFrom = RESIDUAL_FROM_WINDOWS) {
    const t = tables ?? buildAtOnce(set, chunks, residualFrom);
    ({bounds: this.bounds, offsets: this.offsets, bucketCap: this.bucketCap, entries: this.entries, restMasks: this.restMasks, residual: this.residual, residualShifts: this.residualShifts} = t);
  }

  /** The same tables, built with `await pause()` between slices (see buildSteps), unless small. */
  static async build(set: PhotoSet, pause: () => Promise<void>, chunks = defaultChunks(set)): Promise<WindowLookup> {
    // A small index (the bundled default has ~51,000 windows) is built at once: a few ms of work,
    // and on the first page after a browser start its ~30 pauses each waited behind the page's
    // loading. Load event -> marker, 16 browser starts per build, interleaved: medians
    // 700 -> 602 ms.
    if (set.hi.length <= BUILD_AT_ONCE_WINDOWS) return new WindowLookup(set, chunks);
    const steps = buildSteps(set, chunks, RESIDUAL_FROM_WINDOWS);
    for (;;) {
      const r = steps.next();
      if (r.done) return new WindowLookup(set, chunks, r.value);
      await pause();
    }
  }

  get chunks(): number {
    return this.offsets.length;
  }

  /**
   * Every (query window, index window) pair within `maxDistance` that shares a chunk, packed and
   * sorted by index window. A pair sharing several chunks comes once per chunk: voting counts
   * each index window once per cell anyway, and skipping the check here halved the scan time.
   * With `nearChunks`, also the pairs whose chunk differs in one bit (see probeNearChunks). With
   * `from`, only the pairs of codes[from...], numbered as in `codes`: a second pass's added windows.
   */
  lookup(codes: {hi: number; lo: number}[], maxDistance: number, nearChunks = false, from = 0): Float64Array {
    if (from > 0) return shiftQueries(this.lookup(codes.slice(from, MAX_QUERY_WINDOWS), maxDistance, nearChunks), from);
    const count = Math.min(codes.length, MAX_QUERY_WINDOWS);
    // Kept between queries (lookup never runs twice at once): no per-query allocation.
    const scratch = this.scratch && this.scratch.first.length >= count ? this.scratch : (this.scratch = probeScratch(count));
    const hits: number[] = [];
    for (let c = 0; c < this.offsets.length; c++) this.lookupTable(c, codes, count, maxDistance, scratch, hits, nearChunks);
    return Float64Array.from(hits).sort();
  }

  /**
   * One table's hits, in passes over all query windows rather than one window at a time: each
   * pass makes reads at unrelated places in large arrays that do not wait for each other, so the
   * CPU overlaps their cache misses (bucket bounds, then each bucket's first cache line, then the
   * codes of the entries that pass the check). Against the one-window-at-a-time loop, interleaved
   * in one process on 60 queries x 6 (`.bench/lk-ab.ts`), identical hits: total lookup time -27 to
   * -31% at 10^5 photos (p50 5.6 -> 4.1 ms in one run, 3.2 -> 2.4 in another), -18% at 10^4, -22%
   * at 10^6 (p50 16.4 -> 13.0 ms).
   */
  private lookupTable(c: number, codes: {hi: number; lo: number}[], count: number, maxDistance: number, s: ProbeScratch, hits: number[], nearChunks: boolean): void {
    const a = this.bounds[c];
    const b = this.bounds[c + 1];
    const offsets = this.offsets[c];
    const entries = this.entries[c];
    const residual = this.residual[c];
    const rest = this.restMasks[c];
    const cap = this.bucketCap[c];
    for (let q = 0; q < count; q++) {
      const key = bitsOf(codes[q].hi, codes[q].lo, a, b);
      s.first[q] = offsets[key];
      s.end[q] = offsets[key + 1];
    }
    // Touch the first entry (and residual bits) of each bucket the scan will read, so it finds them cached.
    let touched = 0;
    for (let q = 0; q < count; q++) {
      const first = s.first[q];
      const size = s.end[q] - first;
      if (size > 0 && size <= cap) touched ^= entries[2 * first] ^ (residual ? residual[first] : 0);
    }
    this.touched ^= touched;
    let passed = 0;
    for (let q = 0; q < count; q++) {
      const first = s.first[q];
      const end = s.end[q];
      if (end - first > cap) continue;
      const {hi, lo} = codes[q];
      const word = outsideBits(hi, lo, a, b);
      const queryRest = residual ? (lo & rest) >>> this.residualShifts[c] : 0;
      for (let e = 2 * first; e < 2 * end; e += 2) {
        // Those 32 bits alone already differ too much: the full code cannot be close.
        const checked = popcount32((word ^ entries[e]) >>> 0);
        if (checked > maxDistance) continue;
        if (residual) {
          const d = checked + popcount32(queryRest ^ residual[e >>> 1]);
          if (d <= maxDistance) hits.push(packHit(entries[e + 1], q, d));
        } else {
          if (passed === s.passWindow.length) s.grow();
          s.passWindow[passed] = entries[e + 1];
          s.passQuery[passed] = q;
          s.passChecked[passed++] = checked;
        }
      }
    }
    if (nearChunks && !residual) passed = this.probeNearChunks(c, codes, count, maxDistance, s, passed);
    const setLo = this.set.lo;
    for (let i = 0; i < passed; i++) {
      const q = s.passQuery[i];
      const d = s.passChecked[i] + popcount32(((codes[q].lo ^ setLo[s.passWindow[i]]) & rest) >>> 0);
      if (d <= maxDistance) hits.push(packHit(s.passWindow[i], q, d));
    }
  }

  /**
   * The entries of the buckets whose chunk value differs from the query window's in one bit, that
   * pass the check, appended to the scratch's passed entries from `passed` on; returns the new count.
   * A true pair 10 bits apart shares one of four 16-bit chunks only about one time in five, so a
   * hard query's few true pairs are mostly missed; this finds those one bit off in a chunk too.
   * One probe per chunk bit: cheap only with small buckets (four chunks, a small index), so tables
   * with residual bits (large indexes) are not probed.
   */
  private probeNearChunks(c: number, codes: {hi: number; lo: number}[], count: number, maxDistance: number, s: ProbeScratch, passed: number): number {
    const a = this.bounds[c];
    const b = this.bounds[c + 1];
    const offsets = this.offsets[c];
    const entries = this.entries[c];
    const cap = this.bucketCap[c];
    for (let q = 0; q < count; q++) {
      const {hi, lo} = codes[q];
      const key = bitsOf(hi, lo, a, b);
      const word = outsideBits(hi, lo, a, b);
      for (let bit = 1; bit < 1 << (b - a); bit <<= 1) {
        const first = offsets[key ^ bit];
        const end = offsets[(key ^ bit) + 1];
        if (end - first > cap) continue;
        for (let e = 2 * first; e < 2 * end; e += 2) {
          // The differing chunk bit counts toward the distance.
          const checked = 1 + popcount32((word ^ entries[e]) >>> 0);
          if (checked > maxDistance) continue;
          if (passed === s.passWindow.length) s.grow();
          s.passWindow[passed] = entries[e + 1];
          s.passQuery[passed] = q;
          s.passChecked[passed++] = checked;
        }
      }
    }
    return passed;
  }
}

/** Hits with every query window number raised by `by`: the order (by index window, then query window) stays. */
function shiftQueries(hits: Float64Array, by: number): Float64Array {
  for (let i = 0; i < hits.length; i++) hits[i] += by * DISTANCE_BITS;
  return hits;
}

/** Two sorted hit lists as one, sorted. */
export function mergeHits(a: Float64Array, b: Float64Array): Float64Array {
  const all = new Float64Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  return all.sort();
}

/** lookupTable's scratch arrays: bucket bounds per query window, entries that passed the check. */
interface ProbeScratch {
  first: Int32Array;
  end: Int32Array;
  passWindow: Int32Array;
  passQuery: Int32Array;
  passChecked: Int32Array;
  grow(): void;
}

function probeScratch(count: number): ProbeScratch {
  const s: ProbeScratch = {
    first: new Int32Array(count),
    end: new Int32Array(count),
    passWindow: new Int32Array(4096),
    passQuery: new Int32Array(4096),
    passChecked: new Int32Array(4096),
    grow() {
      const twice = (x: Int32Array) => {
        const y = new Int32Array(2 * x.length);
        y.set(x);
        return y;
      };
      s.passWindow = twice(s.passWindow);
      s.passQuery = twice(s.passQuery);
      s.passChecked = twice(s.passChecked);
    },
  };
  return s;
}
