/** The multi-index lookup tables (see window-lookup.ts) and their build: in slices (buildSteps) or at once. */
import type {PhotoSet} from './photo-set.js';
import {residualShift, restOfLo} from './code-chunks.js';
import {countRange, fillRange, prefixSums, type TableBuild} from './table-build.js';

/**
 * From this many windows (about 190,000 photos) each table also keeps its entries' restOfLo bits,
 * in bucket order, so an entry that passes the check needs no read of the window's code at all.
 * At 10^6 photos a query passes the check ~99,000 times, each a random read into 700 MB of codes:
 * with the bits beside the bucket, lookup p50 36.4 -> 16.2 ms and p95 70.1 -> 26.6 ms, identical
 * hits (60 queries, interleaved in one process). At 10^5 only 7.7 -> 7.0 ms p50, not worth the
 * 2 bytes per window and table in an extension's worker.
 */
export const RESIDUAL_FROM_WINDOWS = 1 << 25;

/**
 * Buckets holding more than this multiple of the mean are skipped: a chunk value shared by that
 * many windows comes from generic content (gradients, blur) and brings chance pairs, not evidence.
 * Measured at 10^6 photos: 32x gave p95 426 ms with 46/60 queries found, 8x 283 ms with 45/60
 * (10^5: 42 -> 33 ms, 46 -> 45). Small indexes never reach the MIN_BUCKET_CAP floor either way.
 */
const CROWDED_BUCKET = 8;
const MIN_BUCKET_CAP = 64;

/**
 * Windows handled between two yields of buildSteps: about 5 ms of work in Node, more in a busy
 * browser worker. At 2^18 the extension's worker showed build slices of 300-500 ms on a loaded
 * machine during a 50 MB import (a check arriving meanwhile waited that long), at 2^16 still up to
 * 185 ms. A yield is not a pause: the extension pauses only after enough of them to fill its time
 * budget (timedSlices in src/background/step-timing.ts), so small slices cost no more pauses.
 */
export const BUILD_SLICE = 1 << 14;

export interface Tables {
  bounds: number[];
  offsets: Uint32Array[];
  bucketCap: number[];
  /**
   * Per table, two words per entry: outsideBits of the window's code (see there), then the window's
   * number. Side by side, the number of an entry that passes the check is read from the cache line
   * the check came in: at 10^5 photos a query passes the check about 10,000 times.
   */
  entries: Uint32Array[];
  /** Per table, restOfLo of its chunk; and for large indexes the entries' bits under it (see RESIDUAL_FROM_WINDOWS). */
  restMasks: number[];
  residual: (Uint16Array | null)[];
  /** Per table with residual bits: where they sit in `lo` (residualShift). */
  residualShifts: number[];
}

/**
 * Builds the tables, yielding after every BUILD_SLICE windows so a caller in a browser can pause
 * there: at 10^5 photos the whole build is seconds of work, and an extension's background would
 * answer no message meanwhile. Counting sort of window numbers by chunk value: O(n).
 */
export function* buildSteps(set: PhotoSet, chunks: number, residualFrom: number): Generator<void, Tables> {
  const n = set.hi.length;
  const t = emptyTables(chunks);
  for (let c = 0; c < chunks; c++) {
    const table = startTable(set, t.bounds[c], t.bounds[c + 1], residualFrom);
    table.offsets = yield* touchedArray(Uint32Array, table.values + 1);
    for (let i = 0; i < n; i += BUILD_SLICE) {
      countRange(table, i, Math.min(n, i + BUILD_SLICE));
      yield;
    }
    prefixSums(table.offsets);
    yield;
    table.fill = yield* touchedArray(Uint32Array, table.values, table.offsets);
    table.entries = yield* touchedArray(Uint32Array, 2 * n);
    table.residual = table.shift === null ? null : yield* touchedArray(Uint16Array, n);
    for (let i = 0; i < n; i += BUILD_SLICE) {
      fillRange(table, i, Math.min(n, i + BUILD_SLICE));
      yield;
    }
    addTable(t, table);
  }
  return t;
}

/**
 * The same tables as buildSteps, for a caller that will not pause (the constructor): no slices,
 * and fresh arrays used as they come, already zero (touchedArray's writes only spread page faults
 * over slices). The bucket offsets serve as fill cursors themselves and are shifted back after,
 * instead of filling a copy. Against buildSteps run through, first build of the default index in
 * fresh Node processes (`.bench/startup-ab.mts`, 2 x 30 interleaved): medians 40-43 -> 36-39 ms
 * wall, 28-30 -> 24-25 ms main-thread CPU, 1,170 -> 900 page faults.
 */
export function buildAtOnce(set: PhotoSet, chunks: number, residualFrom: number): Tables {
  const n = set.hi.length;
  const t = emptyTables(chunks);
  for (let c = 0; c < chunks; c++) {
    const table = startTable(set, t.bounds[c], t.bounds[c + 1], residualFrom);
    const offsets = (table.offsets = new Uint32Array(table.values + 1));
    countRange(table, 0, n);
    prefixSums(offsets);
    table.fill = offsets;
    table.entries = new Uint32Array(2 * n);
    table.residual = table.shift === null ? null : new Uint16Array(n);
    fillRange(table, 0, n);
    // Each cursor now points where the next bucket starts: shifting them up one restores the offsets.
    offsets.copyWithin(1, 0, table.values);
    offsets[0] = 0;
    addTable(t, table);
  }
  return t;
}

/** Where each of `chunks` equal chunks of the 64-bit code starts, and the end: [0, ..., 64]. */
export const chunkBounds = (chunks: number) => Array.from({length: chunks + 1}, (_, c) => Math.round((64 * c) / chunks));

/** Entries a bucket of a table over `bits`-bit chunk values may hold before it is skipped as crowded. */
export const bucketCapOf = (windows: number, bits: number) => Math.max(MIN_BUCKET_CAP, (CROWDED_BUCKET * windows) / 2 ** bits);

function emptyTables(chunks: number): Tables {
  const bounds = chunkBounds(chunks);
  return {bounds, offsets: [], bucketCap: [], entries: [], restMasks: [], residual: [], residualShifts: []};
}

/** Table of chunk [a, b), its arrays not allocated yet. */
function startTable(set: PhotoSet, a: number, b: number, residualFrom: number): TableBuild {
  const rest = restOfLo(a, b);
  const shift = set.hi.length >= residualFrom ? residualShift(rest) : null;
  return {set, a, b, values: 2 ** (b - a), rest, shift, offsets: EMPTY, fill: EMPTY, entries: EMPTY, residual: null};
}

function addTable(t: Tables, table: TableBuild): void {
  t.offsets.push(table.offsets);
  t.entries.push(table.entries);
  t.bucketCap.push(bucketCapOf(table.set.hi.length, table.b - table.a));
  t.restMasks.push(table.rest);
  t.residual.push(table.residual);
  t.residualShifts.push(table.shift ?? 0);
}

const EMPTY = new Uint32Array(0);

/** Elements written per slice when a new array is first touched: 1 MB of Uint32, ~250 pages. */
const TOUCH_SLICE = 1 << 18;

/**
 * A new zeroed array (a copy of `from`'s first `length` elements if given), written through once
 * in slices. A fresh large buffer is mapped lazily: its pages fault in on first write, and the
 * first slice of scattered bucket writes touched nearly all of them, 180-220 ms in one slice for a
 * 48 MB table at 34,000 photos (Node, `.bench/slices.ts`).
 */
function* touchedArray<A extends Uint32Array | Uint16Array>(Kind: {new (length: number): A}, length: number, from?: A): Generator<void, A> {
  const array = new Kind(length);
  for (let i = 0; i < length; i += TOUCH_SLICE) {
    const end = Math.min(length, i + TOUCH_SLICE);
    if (from) array.set(from.subarray(i, end), i);
    else array.fill(0, i, end);
    yield;
  }
  return array;
}
