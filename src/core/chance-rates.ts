/**
 * How often a stored window agrees by chance: the share of a reference sample of other photos'
 * windows whose codes lie within d bits of it. A window holding one soft edge or a gradient (a
 * plain wall, a sky) has many such neighbours; a textured one has almost none, so its agreement
 * says much more. The reference is a sample of the searched set itself: stock photos, other than
 * the window's own.
 */
import {createNearCounter, MAX_COUNTED_DISTANCE, type NearCounter} from './near-counts.js';
import {photoOfWindow, type PhotoSet} from './photo-set.js';
import {fineDistance} from './tile-hash.js';
import {FINE_DISTANCE} from './verify.js';

/** Windows in the reference sample, at most: enough to see rates of 1 in a few thousand. */
export const REFERENCE_WINDOWS = 8192;
/** Rates are counted up to this distance; the evidence uses agreement within it (see evidence.ts). */
export const RATED_DISTANCE = MAX_COUNTED_DISTANCE;
/**
 * A smaller reference than this (a set of a few photos) is counted as if it had this many windows,
 * none close: its rates cannot go below 1 in MIN_REFERENCE, so the evidence stays modest.
 */
const MIN_REFERENCE = 256;
/**
 * Cached windows, at most (then the cache starts again): a query rates a few hundred, so a bound
 * this size still spares repeated work while the cache stays small whatever the index's size.
 */
const CACHE_LIMIT = 1 << 15;

/** A sample of an index's windows, with the photo each belongs to. */
export interface Reference {
  hi: Uint32Array;
  lo: Uint32Array;
  photo: Int32Array;
}

/** Every this-many-th window of an index of `total` windows goes in its reference. */
export const referenceStep = (total: number) => Math.max(1, Math.ceil(total / REFERENCE_WINDOWS));

export function sampleReference(set: PhotoSet): Reference {
  const total = set.hi.length;
  const step = referenceStep(total);
  const n = Math.ceil(total / step);
  const ref = {hi: new Uint32Array(n), lo: new Uint32Array(n), photo: new Int32Array(n)};
  let photo = 0;
  for (let k = 0; k < n; k++) {
    const w = k * step;
    photo = photoOfWindow(set, w, photo);
    ref.hi[k] = set.hi[w];
    ref.lo[k] = set.lo[w];
    ref.photo[k] = photo;
  }
  return ref;
}

/**
 * An index's reference and the counts made against it, by window number in the index: one per
 * index, shared by every set that holds some of its windows (a streamed search's candidates).
 */
export class RateTable {
  /** Made on the first rate asked for, not with the matcher: an extension worker starts without it. */
  private counter: NearCounter | null = null;
  /** Per window: cumulative counts of reference windows within 0..RATED_DISTANCE bits, then the reference size. */
  private readonly cache = new Map<number, Uint16Array>();

  constructor(private readonly ref: Reference) {}

  /** Counts for window `key` of the index (code hi, lo), leaving out the windows of its own photo. */
  countsOf(key: number, hi: number, lo: number, photo: number): Uint16Array {
    let counts = this.cache.get(key);
    if (counts) return counts;
    this.counter ??= createNearCounter(this.ref.hi, this.ref.lo, this.ref.photo);
    const others = this.counter.count(hi, lo, photo);
    const near = this.counter.histogram;
    counts = new Uint16Array(RATED_DISTANCE + 2);
    counts[0] = near[0];
    for (let d = 1; d <= RATED_DISTANCE; d++) counts[d] = counts[d - 1] + near[d];
    counts[RATED_DISTANCE + 1] = Math.max(others, MIN_REFERENCE);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, counts);
    return counts;
  }
}

/**
 * How many of an index's fine windows hold each 16-bit code: all of them, not a sample, in 256 KB
 * whatever the index's size. A fine window's neighbours within FINE_DISTANCE are then 137 lookups
 * (its code and those 1 or 2 bits away) instead of a pass over a reference sample.
 */
export type FineHistogram = Uint32Array;

export function fineHistogram(codes: Uint16Array, into: FineHistogram = new Uint32Array(1 << 16)): FineHistogram {
  for (let f = 0; f < codes.length; f++) into[codes[f]]++;
  return into;
}

/** The XOR masks of 0, 1 and 2 bits of 16: every code within FINE_DISTANCE of a code c is c ^ mask. */
const FINE_MASKS: {mask: number; bits: number}[] = [{mask: 0, bits: 0}];
for (let i = 0; i < 16; i++) {
  FINE_MASKS.push({mask: 1 << i, bits: 1});
  for (let j = i + 1; j < 16; j++) FINE_MASKS.push({mask: (1 << i) | (1 << j), bits: 2});
}
if (FINE_DISTANCE !== 2) throw new Error('FINE_MASKS hold the codes within 2 bits: update them with FINE_DISTANCE');

/** An index's fine windows' counts, by fine window number in the index (as RateTable for 64-bit windows). */
export class FineRateTable {
  /** Per fine window: cumulative counts of other photos' fine windows within 0..FINE_DISTANCE bits, then how many there are. */
  private readonly cache = new Map<number, Uint32Array>();

  /** `histogram` of all `total` fine windows of the index. */
  constructor(private readonly histogram: FineHistogram, private readonly total: number) {}

  /** Counts for fine window `key` of the index (its code), leaving out its own photo's fine windows (`own`, their codes). */
  countsOf(key: number, code: number, own: Uint16Array): Uint32Array {
    let counts = this.cache.get(key);
    if (counts) return counts;
    counts = new Uint32Array(FINE_DISTANCE + 2);
    const {histogram} = this;
    for (const {mask, bits} of FINE_MASKS) counts[bits] += histogram[code ^ mask];
    for (let k = 0; k < own.length; k++) {
      const d = fineDistance(code, own[k]);
      if (d <= FINE_DISTANCE) counts[d]--;
    }
    for (let d = 1; d <= FINE_DISTANCE; d++) counts[d] += counts[d - 1];
    counts[FINE_DISTANCE + 1] = Math.max(this.total - own.length, MIN_REFERENCE);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, counts);
    return counts;
  }
}

/** Numbers in the whole index of a set's windows, fine windows and photos, for a set holding only some of them. */
export interface IndexIds {
  window(w: number): number;
  fineWindow(f: number): number;
  photo(p: number): number;
}

/** Chance rates of a set's windows and fine windows (by their numbers in the set). */
export class ChanceRates {
  constructor(
    private readonly set: PhotoSet,
    private readonly table = new RateTable(sampleReference(set)),
    private readonly ids?: IndexIds,
    private readonly fineTable = new FineRateTable(fineHistogram(set.fine), set.fine.length),
  ) {}

  /** Share of other photos' fine windows within `distance` bits of fine window `f` of `photo`. */
  fineRate(f: number, photo: number, distance: number): number {
    return shareWithin(this.fineCountsOf(f, photo), distance, FINE_DISTANCE);
  }

  /** 1 / other photos' fine windows: what a fine window no other comes near is worth. */
  fineFloor(f: number, photo: number): number {
    return 1 / this.fineCountsOf(f, photo)[FINE_DISTANCE + 1];
  }

  private fineCountsOf(f: number, photo: number): Uint32Array {
    const {set} = this;
    const own = set.fine.subarray(set.fineFirst[photo], set.fineFirst[photo] + set.fineCount[photo]);
    return this.fineTable.countsOf(this.ids ? this.ids.fineWindow(f) : f, set.fine[f], own);
  }

  /** Share of reference windows of other photos within `distance` bits of window `w` of `photo` (0 when none). */
  rate(w: number, photo: number, distance: number): number {
    return shareWithin(this.countsOf(w, photo), distance, RATED_DISTANCE);
  }

  /** 1 / the reference size: what a window no reference window comes near is worth. */
  floor(w: number, photo: number): number {
    return 1 / this.countsOf(w, photo)[RATED_DISTANCE + 1];
  }

  private countsOf(w: number, photo: number): Uint16Array {
    const {ids} = this;
    return this.table.countsOf(ids ? ids.window(w) : w, this.set.hi[w], this.set.lo[w], ids ? ids.photo(photo) : photo);
  }
}

/** From counts within 0..max bits (cumulative) followed by how many were counted: the share within `distance`. */
function shareWithin(counts: Uint16Array | Uint32Array, distance: number, max: number): number {
  return counts[Math.min(distance, max)] / counts[max + 1];
}
