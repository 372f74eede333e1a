/**
 * How often a stored window agrees by chance: the share of a reference sample of other photos'
 * windows whose codes lie within d bits of it. A window holding one soft edge or a gradient (a
 * plain wall, a sky) has many such neighbours; a textured one has almost none, so its agreement
 * says much more. The reference is a sample of the searched set itself: stock photos, other than
 * the window's own.
 */
import {createNearCounter, MAX_COUNTED_DISTANCE, type NearCounter} from './near-counts.js';
import {photoOfWindow, type PhotoSet} from './photo-set.js';

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

/** Numbers in the whole index of a set's windows and photos, for a set holding only some of them. */
export interface IndexIds {
  window(w: number): number;
  photo(p: number): number;
}

/** Chance rates of a set's windows (by their numbers in the set). */
export class ChanceRates {
  constructor(
    private readonly set: PhotoSet,
    private readonly table = new RateTable(sampleReference(set)),
    private readonly ids?: IndexIds,
  ) {}

  /** Share of reference windows of other photos within `distance` bits of window `w` of `photo` (0 when none). */
  rate(w: number, photo: number, distance: number): number {
    const counts = this.countsOf(w, photo);
    return counts[Math.min(distance, RATED_DISTANCE)] / counts[RATED_DISTANCE + 1];
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
