/**
 * Multi-index hashing over the 64-bit window codes: four tables, one per 16-bit chunk. Two codes
 * within Hamming distance 3 share at least one chunk exactly (pigeonhole); farther true pairs are
 * still found often, because a query brings many near-duplicate windows for each indexed one.
 */
import type {PhotoSet} from './photo-set.js';
import {hamming64} from './tile-hash.js';

const CHUNKS = 4;
const CHUNK_VALUES = 1 << 16;

function chunkOf(hi: number, lo: number, c: number): number {
  switch (c) {
    case 0:
      return hi >>> 16;
    case 1:
      return hi & 0xffff;
    case 2:
      return lo >>> 16;
    default:
      return lo & 0xffff;
  }
}

export interface WindowHits {
  /** Parallel arrays, one entry per (query window, index window) pair within the distance. */
  indexWindow: number[];
  queryWindow: number[];
  distance: number[];
}

export class WindowLookup {
  private readonly offsets: Uint32Array[] = [];
  private readonly entries: Uint32Array[] = [];

  constructor(private readonly set: PhotoSet) {
    const n = set.hi.length;
    for (let c = 0; c < CHUNKS; c++) {
      // Counting sort of window numbers by chunk value: O(n), no comparison sort on 10^8 entries.
      const offsets = new Uint32Array(CHUNK_VALUES + 1);
      for (let i = 0; i < n; i++) offsets[chunkOf(set.hi[i], set.lo[i], c) + 1]++;
      for (let v = 0; v < CHUNK_VALUES; v++) offsets[v + 1] += offsets[v];
      const fill = offsets.slice(0, CHUNK_VALUES);
      const entries = new Uint32Array(n);
      for (let i = 0; i < n; i++) entries[fill[chunkOf(set.hi[i], set.lo[i], c)]++] = i;
      this.offsets.push(offsets);
      this.entries.push(entries);
    }
  }

  /** All index windows within `maxDistance` of some query code that share a chunk with it. */
  lookup(codes: {hi: number; lo: number}[], maxDistance: number, hits: WindowHits): void {
    const {hi: setHi, lo: setLo} = this.set;
    for (let q = 0; q < codes.length; q++) {
      const {hi, lo} = codes[q];
      for (let c = 0; c < CHUNKS; c++) {
        const key = chunkOf(hi, lo, c);
        const offsets = this.offsets[c];
        const entries = this.entries[c];
        for (let e = offsets[key], end = offsets[key + 1]; e < end; e++) {
          const w = entries[e];
          const h2 = setHi[w];
          const l2 = setLo[w];
          // Found through an earlier chunk already: count each pair once.
          let seen = false;
          for (let p = 0; p < c; p++) if (chunkOf(h2, l2, p) === chunkOf(hi, lo, p)) seen = true;
          if (seen) continue;
          const d = hamming64(hi, lo, h2, l2);
          if (d > maxDistance) continue;
          hits.indexWindow.push(w);
          hits.queryWindow.push(q);
          hits.distance.push(d);
        }
      }
    }
  }
}
