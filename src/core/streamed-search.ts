/**
 * Search of a large index without holding it in memory. The in-memory Matcher keeps every window
 * code and three lookup tables: about 34 bytes per window, 600 MB at 10^5 photos, and its tables
 * take seconds to build. Here the lookup runs the other way round (the same multi-index hashing,
 * reversed): the batch's query windows go in small hash tables, one per chunk, and the index's
 * codes stream past them in slices; a pair sharing a chunk and within the radius is a hit, exactly
 * the hits the in-memory tables give (crowded buckets skipped alike). Voting needs only the hit
 * windows' places (from the bitmaps, kept in memory), and verification reads the full codes of the
 * few candidate photos. Results equal the Matcher's on the same index (tests/core/streamed-search.test.ts).
 */
import {bitsOf} from './code-chunks.js';
import {crc32} from './crc32.js';
import {ChanceRates, FineRateTable, RateTable, referenceStep, type FineHistogram, type Reference} from './chance-rates.js';
import type {QueryPrint} from './fingerprint.js';
import {voteCandidates} from './hough.js';
import {fineBitmapAt, readSlotBitmap} from './index-file.js';
import {bucketCapOf, chunkBounds} from './lookup-tables.js';
import {CANDIDATE_PHOTOS, DEFAULT_THRESHOLD, LARGE_INDEX_CANDIDATE_DISTANCE} from './matcher.js';
import {allocatePhotoSet, copyPhotoSizes, photoOfWindow, type PhotoMeta, type PhotoSet, type PhotoSizes} from './photo-set.js';
import {popcount32} from './tile-hash.js';
import {fineSlotCount, tileSlotCount} from './tile-layout.js';
import {bestFirst, Verifier, type Match, type MatchOptions} from './verifier.js';
import {REFINE_ROUNDS} from './verify.js';
import {chunksFor, hitDistance, hitQuery, hitWindow, MAX_QUERY_WINDOWS, packHit} from './window-lookup.js';

/** What the streamed search needs of an index: its photo table in memory, its window codes read in slices. */
export interface StreamedIndex extends PhotoSizes, Pick<PhotoSet, 'firstWindow' | 'windowCount' | 'fineFirst' | 'fineCount'> {
  windows: number;
  /** Fine windows in the index (its header's count). */
  fineWindows: number;
  /** Every photo's window and fine window bitmaps (README.md, "Index file format"); photo p's start at byte bitmapAt[p]. */
  bitmaps: Uint8Array;
  bitmapAt: Uint32Array;
  meta(photo: number): PhotoMeta | Promise<PhotoMeta>;
  /**
   * The codes of windows [from, to), and the file's bytes they were read from: valid until the
   * next call (the memory may be reused), so callers use or copy them at once.
   */
  readCodes(from: number, to: number): Promise<{hi: Uint32Array; lo: Uint32Array; bytes: {hi: Uint8Array; lo: Uint8Array}}>;
  /** The fine windows' codes [from, to) (a candidate photo's: a few hundred bytes). */
  readFine(from: number, to: number): Promise<Uint16Array>;
  /** How many of the index's fine windows hold each code, counted when the file was opened (chance-rates.ts). */
  fineCodes: FineHistogram;
  /** Throws unless the file's checksum holds, given the CRC-32s of all its codes' two halves. */
  checkCodes(crcHi: number, crcLo: number): void;
}

/**
 * Whether an index of this many windows is searched in place rather than loaded: past the small
 * indexes (four lookup chunks, which also need the Matcher's second pass). The CLI and the
 * extension decide from a file's header with this one rule.
 */
export const searchedInPlace = (windows: number) => chunksFor(windows) === 3;

/** Windows read at a time: 2 MB of codes. */
const STREAM_SLICE = 1 << 18;

/** Called after each slice of a pass over the index's windows. */
export type StreamProgress = (windowsDone: number, windows: number) => void;

/** What the opening pass learns of an index: kept by a caller that opens the same file again (resume). */
export interface OpenedState {
  /** Per table, a bit per chunk value: set when its bucket is crowded (lookup-tables.ts). */
  crowded: Uint8Array[];
  /** The chance rates' reference sample (chance-rates.ts). */
  reference: Reference;
}

/** A large index's three lookup chunks; chunk0-2 below cut exactly these. */
const BOUNDS = chunkBounds(3);
if (BOUNDS.join() !== '0,21,43,64') throw new Error('chunk0-2 cut the chunks [0, 21), [21, 43), [43, 64)');

export class StreamedSearch {
  private readonly bounds = BOUNDS;
  private readonly rates: RateTable;
  private readonly fineRates: FineRateTable;
  /** Whether the file's checksum over its codes has held (resumed searches check it on their first pass). */
  private verified: boolean;

  private constructor(private readonly index: StreamedIndex, private readonly opened: OpenedState, verified: boolean) {
    this.rates = new RateTable(opened.reference);
    this.fineRates = new FineRateTable(index.fineCodes, index.fineWindows);
    this.verified = verified;
  }

  /**
   * One pass over the codes: each table's bucket sizes (to know the crowded ones) and the chance
   * rates' reference sample, both as the in-memory tables and ChanceRates would have them, and the
   * checksum over the codes (index.checkCodes). A separate checksum pass made the extension's first
   * answer after a worker start read a 10^5-photo file three times instead of twice.
   * `wideCounts`: count in 16 bits whatever the caps (what indexes past ~66 M windows need; tests
   * use it on a small one).
   */
  static async open(index: StreamedIndex, progress?: StreamProgress, wideCounts = false): Promise<StreamedSearch> {
    const n = index.windows;
    if (!searchedInPlace(n)) throw new Error(`an index of ${n} windows is small enough to load; the streamed search is for large ones`);
    const bounds = BOUNDS;
    // A byte per bucket while every cap fits in one (up to ~66 M windows): half the memory the
    // counting walks at random, and opening the 10^5 file took 752-783 ms instead of 1,182-1,234.
    const caps = bounds.slice(1).map((b, c) => bucketCapOf(n, b - bounds[c]));
    const Count = !wideCounts && caps.every((cap) => cap < 0xff) ? Uint8Array : Uint16Array;
    const counts = bounds.slice(1).map((b, c) => new Count(2 ** (b - bounds[c])));
    const step = referenceStep(n);
    const refSize = Math.ceil(n / step);
    const ref: Reference = {hi: new Uint32Array(refSize), lo: new Uint32Array(refSize), photo: new Int32Array(refSize)};
    let photo = 0;
    let crcHi = 0;
    let crcLo = 0;
    for (let from = 0; from < n; from += STREAM_SLICE) {
      const to = Math.min(n, from + STREAM_SLICE);
      const {hi, lo, bytes} = await index.readCodes(from, to);
      crcHi = crc32(bytes.hi, crcHi);
      crcLo = crc32(bytes.lo, crcLo);
      countThree(hi, lo, counts, Count === Uint8Array ? 0xff : 0xffff);
      for (let w = Math.ceil(from / step) * step; w < to; w += step) {
        photo = photoOfWindow(index, w, photo);
        const k = w / step;
        ref.hi[k] = hi[w - from];
        ref.lo[k] = lo[w - from];
        ref.photo[k] = photo;
      }
      progress?.(to, n);
    }
    index.checkCodes(crcHi, crcLo);
    const crowded = counts.map((count, c) => {
      const cap = caps[c];
      const bits = new Uint8Array(Math.ceil(count.length / 8));
      for (let v = 0; v < count.length; v++) if (count[v] > cap) bits[v >> 3] |= 1 << (v & 7);
      return bits;
    });
    return new StreamedSearch(index, {crowded, reference: ref}, true);
  }

  /**
   * The same file opened again from what its opening pass learned (state()), without that pass:
   * the file's checksum is then checked by the first search's pass, whose answers are given only
   * if it holds. A state of another shape than this index's is refused (the caller opens instead).
   */
  static resume(index: StreamedIndex, opened: OpenedState): StreamedSearch {
    const bounds = BOUNDS;
    const refSize = Math.ceil(index.windows / referenceStep(index.windows));
    const {crowded, reference: ref} = opened;
    const fits = searchedInPlace(index.windows) && crowded.length === 3 && crowded.every((bits, c) => bits.length === Math.ceil(2 ** (bounds[c + 1] - bounds[c]) / 8))
      && [ref.hi, ref.lo, ref.photo].every((a) => a.length === refSize) && ref.photo.every((p) => p >= 0 && p < index.firstWindow.length);
    if (!fits) throw new Error('the kept opening state does not fit this index');
    return new StreamedSearch(index, opened, false);
  }

  /** What the opening pass learned, for resume(). */
  state(): OpenedState {
    return this.opened;
  }

  /** Each query's matches (as Matcher.match would give them), for a batch read in one pass. */
  async search(queries: QueryPrint[], options: MatchOptions = {}, progress?: StreamProgress): Promise<Match[][]> {
    const hits = await this.sweep(queries, progress);
    const out: Match[][] = [];
    for (let i = 0; i < queries.length; i++) out.push(await this.matchHits(queries[i], hits[i], options));
    return out;
  }

  /** Every query's hits over the whole index, sorted as WindowLookup.lookup sorts them. */
  private async sweep(queries: QueryPrint[], progress?: StreamProgress): Promise<Float64Array[]> {
    const {bounds, index} = this;
    const {crowded} = this.opened;
    const tables = bounds.slice(1).map((b, c) => new QueryTable(queries, bounds[c], b));
    const hits: number[][] = queries.map(() => []);
    const verify = !this.verified;
    let crcHi = 0;
    let crcLo = 0;
    for (let from = 0; from < index.windows; from += STREAM_SLICE) {
      const to = Math.min(index.windows, from + STREAM_SLICE);
      const codes = await index.readCodes(from, to);
      if (verify) {
        crcHi = crc32(codes.bytes.hi, crcHi);
        crcLo = crc32(codes.bytes.lo, crcLo);
      }
      probeThree(tables, codes.hi, codes.lo, from, crowded, hits);
      progress?.(to, index.windows);
    }
    if (verify) {
      index.checkCodes(crcHi, crcLo);
      this.verified = true;
    }
    return hits.map((h) => Float64Array.from(h).sort());
  }

  private async matchHits(q: QueryPrint, hits: Float64Array, options: MatchOptions): Promise<Match[]> {
    const voting = votingSet(this.index, hits);
    const seeds = voteCandidates(voting.set, q, voting.hits, CANDIDATE_PHOTOS);
    if (seeds.length === 0) return [];
    const photos = [...new Set(seeds.map((s) => voting.photos[s.photo]))].sort((a, b) => a - b);
    const {set, windowIds, fineIds} = await candidateSet(this.index, photos);
    const local = new Map(photos.map((p, i) => [p, i]));
    const ids = {window: (w: number) => windowIds[w], fineWindow: (f: number) => fineIds[f], photo: (p: number) => photos[p]};
    const verifier = new Verifier(set, new ChanceRates(set, this.rates, ids, this.fineRates), REFINE_ROUNDS);
    const localSeeds = seeds.map((s) => ({...s, photo: local.get(voting.photos[s.photo])!}));
    const best = new Map<number, Match>();
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    verifier.keepBest(q, verifier.verify(q, localSeeds, threshold), threshold, best);
    return bestFirst(best, options.limit).map((m) => ({...m, photo: photos[m.photo]}));
  }
}

/**
 * The three chunks of a large index's codes (chunkBounds(3): bits [0, 21), [21, 43), [43, 64) of
 * hi:lo), cut with constant shifts: small enough for the compiler to inline in the loops below,
 * where the generic bitsOf per window and table cost a third of a pass.
 */
const chunk0 = (h: number) => h >>> 11;
const chunk1 = (h: number, l: number) => ((h & 0x7ff) << 11) | (l >>> 21);
const chunk2 = (l: number) => l & 0x1fffff;

/**
 * Adds each window's three chunk values to their buckets' counts (saturating at `max`). Against a
 * generic loop per table (bitsOf per window), opening the 10^5 file in Node took 1,182-1,234 ms
 * instead of 1,435-1,650 (profile: counting 706 ms against 1,070 per open; `.bench/open-prof.mts`).
 * The loop's head is probeThree's: one loop taking a callback per window would cost both.
 */
function countThree(hi: Uint32Array, lo: Uint32Array, [c0, c1, c2]: (Uint8Array | Uint16Array)[], max: number): void {
  for (let w = 0; w < hi.length; w++) {
    const h = hi[w];
    const l = lo[w];
    const k0 = chunk0(h);
    const k1 = chunk1(h, l);
    const k2 = chunk2(l);
    if (c0[k0] < max) c0[k0]++;
    if (c1[k1] < max) c1[k1]++;
    if (c2[k2] < max) c2[k2]++;
  }
}

const EMPTY = -1;

/**
 * One chunk's hash table over a batch's query windows (open addressing, linear probing): a slot
 * per distinct chunk value, chaining the query windows that have it. A batch of one query holds
 * ~1,400 windows, so the table stays in cache while the index streams past.
 */
class QueryTable {
  private readonly keys: Int32Array;
  private readonly heads: Int32Array;
  private readonly mask: number;
  private readonly shift: number;
  private readonly next: Int32Array;
  private readonly query: Int32Array;
  private readonly window: Int32Array;
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;

  constructor(queries: QueryPrint[], a: number, b: number) {
    const entries = queries.reduce((s, q) => s + Math.min(q.windows.length, MAX_QUERY_WINDOWS), 0);
    let size = 1024;
    // At most a quarter full: most probes then end on an empty slot at once.
    while (size < 4 * entries) size *= 2;
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    this.keys = new Int32Array(size).fill(EMPTY);
    this.heads = new Int32Array(size);
    this.next = new Int32Array(entries);
    this.query = new Int32Array(entries);
    this.window = new Int32Array(entries);
    this.hi = new Uint32Array(entries);
    this.lo = new Uint32Array(entries);
    let e = 0;
    queries.forEach((q, i) => {
      const count = Math.min(q.windows.length, MAX_QUERY_WINDOWS);
      for (let j = 0; j < count; j++, e++) {
        const {hi, lo} = q.windows[j];
        const key = bitsOf(hi, lo, a, b);
        const slot = this.slotOf(key);
        if (this.keys[slot] === EMPTY) {
          this.keys[slot] = key;
          this.heads[slot] = EMPTY;
        }
        this.next[e] = this.heads[slot];
        this.heads[slot] = e;
        this.query[e] = i;
        this.window[e] = j;
        this.hi[e] = hi;
        this.lo[e] = lo;
      }
    });
  }

  /** The slot holding `key`, or the empty one where it would go. */
  private slotOf(key: number): number {
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.keys[s] !== EMPTY && this.keys[s] !== key) s = (s + 1) & this.mask;
    return s;
  }

  /** The slot of `key`, or -1 when no query window has it (most index windows: the table is sparse). */
  find(key: number): number {
    const {keys, mask} = this;
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (let k = keys[s]; k !== key; k = keys[s]) {
      if (k === EMPTY) return -1;
      s = (s + 1) & mask;
    }
    return s;
  }

  /** Hits of index window `w` (code h, l) with the query windows in `slot`. */
  collect(slot: number, h: number, l: number, w: number, hits: number[][]): void {
    for (let e = this.heads[slot]; e !== EMPTY; e = this.next[e]) {
      const d = popcount32((h ^ this.hi[e]) >>> 0) + popcount32((l ^ this.lo[e]) >>> 0);
      if (d <= LARGE_INDEX_CANDIDATE_DISTANCE) hits[this.query[e]].push(packHit(w, this.window[e], d));
    }
  }

}

/**
 * Hits of index windows [first, first + hi.length) against the batch, into each query's list: the
 * three tables of a large index in one loop, each window's code read once and its chunks cut by
 * chunk0-2. A query window probed a crowded bucket in the in-memory lookup and got nothing: so
 * here. With one generic loop per table (bitsOf and a probe method per window) a single-query pass
 * at 10^5 photos took 855 ms, with this one 576 ms (tests/bench/streamed-child.ts).
 */
function probeThree(tables: QueryTable[], hi: Uint32Array, lo: Uint32Array, first: number, crowded: Uint8Array[], hits: number[][]): void {
  const [t0, t1, t2] = tables;
  for (let w = 0; w < hi.length; w++) {
    const h = hi[w];
    const l = lo[w];
    const k0 = chunk0(h);
    const k1 = chunk1(h, l);
    const k2 = chunk2(l);
    const s0 = t0.find(k0);
    const s1 = t1.find(k1);
    const s2 = t2.find(k2);
    if (s0 >= 0 && !(crowded[0][k0 >> 3] & (1 << (k0 & 7)))) t0.collect(s0, h, l, first + w, hits);
    if (s1 >= 0 && !(crowded[1][k1 >> 3] & (1 << (k1 & 7)))) t1.collect(s1, h, l, first + w, hits);
    if (s2 >= 0 && !(crowded[2][k2 >> 3] & (1 << (k2 & 7)))) t2.collect(s2, h, l, first + w, hits);
  }
}

/** Slot numbers of photo p's windows, from its bitmap. */
function photoSlots(index: StreamedIndex, p: number, out: Uint16Array, at: number): void {
  if (!readSlotBitmap(index.bitmaps, index.bitmapAt[p], tileSlotCount(index.workW[p], index.workH[p]), index.windowCount[p], out, at)) {
    throw new Error(`photo ${p}: window bitmap disagrees with its window count`);
  }
}

/**
 * What voting reads of a query's hits, as a set of its own: the photos hit (in index order), each
 * holding only its hit windows (in index order), with their places; no codes. Numbers keep the
 * index's order, so voteCandidates ranks and breaks ties exactly as on the whole index.
 */
function votingSet(index: StreamedIndex, hits: Float64Array): {set: PhotoSet; photos: number[]; hits: Float64Array} {
  const windows: number[] = [];
  for (let i = 0; i < hits.length; i++) {
    const w = hitWindow(hits[i]);
    if (windows[windows.length - 1] !== w) windows.push(w);
  }
  const photos: number[] = [];
  let photo = 0;
  const windowPhoto = new Int32Array(windows.length);
  windows.forEach((w, i) => {
    photo = photoOfWindow(index, w, photo);
    if (photos[photos.length - 1] !== photo) photos.push(photo);
    windowPhoto[i] = photos.length - 1;
  });
  const set = allocatePhotoSet(photos.length, windows.length);
  const scratch = new Uint16Array(4096);
  let k = 0;
  photos.forEach((p, sp) => {
    copyPhotoSizes(set, sp, index, p);
    set.firstWindow[sp] = k;
    photoSlots(index, p, scratch, 0);
    for (; k < windows.length && windowPhoto[k] === sp; k++) set.slots[k] = scratch[windows[k] - index.firstWindow[p]];
    set.windowCount[sp] = k - set.firstWindow[sp];
  });
  const local = new Map(windows.map((w, i) => [w, i]));
  const remapped = hits.map((h) => packHit(local.get(hitWindow(h))!, hitQuery(h), hitDistance(h)));
  return {set, photos, hits: remapped};
}

/** The candidate photos in full (codes, fine windows, places, metadata), and each window's and fine window's number in the index. */
async function candidateSet(index: StreamedIndex, photos: number[]): Promise<{set: PhotoSet; windowIds: Uint32Array; fineIds: Uint32Array}> {
  const total = photos.reduce((s, p) => s + index.windowCount[p], 0);
  const fineTotal = photos.reduce((s, p) => s + index.fineCount[p], 0);
  const set = allocatePhotoSet(photos.length, total, fineTotal);
  const windowIds = new Uint32Array(total);
  const fineIds = new Uint32Array(fineTotal);
  let at = 0;
  let fineAt = 0;
  for (let i = 0; i < photos.length; i++) {
    const p = photos[i];
    const first = index.firstWindow[p];
    const count = index.windowCount[p];
    const {hi, lo} = await index.readCodes(first, first + count);
    set.hi.set(hi, at);
    set.lo.set(lo, at);
    photoSlots(index, p, set.slots, at);
    for (let k = 0; k < count; k++) windowIds[at + k] = first + k;
    set.firstWindow[i] = at;
    set.windowCount[i] = count;
    copyPhotoSizes(set, i, index, p);
    set.meta.push(await index.meta(p));
    at += count;
    const fineFirst = index.fineFirst[p];
    const fineCount = index.fineCount[p];
    set.fine.set(await index.readFine(fineFirst, fineFirst + fineCount), fineAt);
    if (!readSlotBitmap(index.bitmaps, fineBitmapAt(index.bitmapAt, index, p), fineSlotCount(index.workW[p], index.workH[p]), fineCount, set.fineSlots, fineAt)) {
      throw new Error(`photo ${p}: fine window bitmap disagrees with its fine window count`);
    }
    for (let k = 0; k < fineCount; k++) fineIds[fineAt + k] = fineFirst + k;
    set.fineFirst[i] = fineAt;
    set.fineCount[i] = fineCount;
    fineAt += fineCount;
  }
  return {set, windowIds, fineIds};
}
