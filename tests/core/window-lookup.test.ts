import {describe, expect, it} from 'vitest';
import {allocatePhotoSet} from '../../src/core/photo-set.js';
import {hamming64} from '../../src/core/tile-hash.js';
import {BUILD_AT_ONCE_WINDOWS, BUILD_SLICE, hitDistance, hitQuery, hitWindow, mergeHits, RESIDUAL_FROM_WINDOWS, WindowLookup} from '../../src/core/window-lookup.js';
import {mulberry32} from '../bench/prng.js';

/** Random codes, half of them near-copies of many bases (no bucket crowded enough to be skipped) and distances vary. */
function randomSet(windows: number, seed: number) {
  const rng = mulberry32(seed);
  const word = () => Math.floor(rng() * 2 ** 32) >>> 0;
  const set = allocatePhotoSet(1, windows);
  const bases = Array.from({length: 500}, () => [word(), word()]);
  for (let i = 0; i < windows; i++) {
    let [hi, lo] = i % 2 ? bases[i % 500] : [word(), word()];
    for (let f = Math.floor(rng() * 20); f > 0; f--) {
      const bit = Math.floor(rng() * 64);
      if (bit < 32) hi = (hi ^ (1 << bit)) >>> 0;
      else lo = (lo ^ (1 << (bit - 32))) >>> 0;
    }
    set.hi[i] = hi;
    set.lo[i] = lo;
  }
  return set;
}

/**
 * What the lookup must return: every pair within the distance that shares a chunk exactly, once per
 * shared chunk; with `nearChunks`, also once per chunk one bit off.
 */
function bruteForce(lookup: WindowLookup, set: ReturnType<typeof randomSet>, codes: {hi: number; lo: number}[], maxDistance: number, nearChunks = false): string[] {
  const out: string[] = [];
  const chunkOf = (hi: number, lo: number, c: number) => {
    const bits = (BigInt(hi) << 32n) | BigInt(lo);
    const [a, b] = [lookup.bounds[c], lookup.bounds[c + 1]];
    return (bits >> BigInt(64 - b)) & ((1n << BigInt(b - a)) - 1n);
  };
  codes.forEach((q, qi) => {
    for (let w = 0; w < set.hi.length; w++) {
      const d = hamming64(q.hi, q.lo, set.hi[w], set.lo[w]);
      if (d > maxDistance) continue;
      for (let c = 0; c < lookup.chunks; c++) {
        const off = (chunkOf(q.hi, q.lo, c) ^ chunkOf(set.hi[w], set.lo[w], c)).toString(2).replaceAll('0', '').length;
        if (off === 0 || (nearChunks && off === 1)) out.push(`${w}/${qi}/${d}`);
      }
    }
  });
  return out.sort();
}

describe('WindowLookup', () => {
  // Residual bits from 0 windows: the layout of a large index (RESIDUAL_FROM_WINDOWS), on a small one.
  for (const [chunks, residualFrom] of [[3, RESIDUAL_FROM_WINDOWS], [4, RESIDUAL_FROM_WINDOWS], [3, 0], [4, 0]]) {
    it(`finds exactly the pairs within the radius that share one of ${chunks} chunks (residual bits kept from ${residualFrom} windows)`, () => {
      const set = randomSet(4000, chunks);
      const lookup = new WindowLookup(set, chunks, undefined, residualFrom);
      const codes = Array.from({length: 60}, (_, i) => ({hi: set.hi[i * 37], lo: (set.lo[i * 37] ^ (i % 5)) >>> 0}));
      for (const radius of [4, 12, 16]) {
        const hits = [...lookup.lookup(codes, radius)].map((h) => `${hitWindow(h)}/${hitQuery(h)}/${hitDistance(h)}`).sort();
        expect(hits.length).toBeGreaterThan(60);
        expect(hits).toEqual(bruteForce(lookup, set, codes, radius));
      }
    });
  }
});

describe('WindowLookup, near chunks', () => {
  const set = randomSet(4000, 9);
  const codes = Array.from({length: 60}, (_, i) => ({hi: (set.hi[i * 37] ^ (1 << (i % 32))) >>> 0, lo: (set.lo[i * 37] ^ (i % 5)) >>> 0}));
  const found = (lookup: WindowLookup, radius: number, near: boolean) => [...lookup.lookup(codes, radius, near)].map((h) => `${hitWindow(h)}/${hitQuery(h)}/${hitDistance(h)}`).sort();

  it('also finds, once per such chunk, the pairs within the radius whose chunk is one bit off (four chunks)', () => {
    const lookup = new WindowLookup(set, 4);
    for (const radius of [4, 12, 16]) {
      const hits = found(lookup, radius, true);
      expect(hits.length).toBeGreaterThan(found(lookup, radius, false).length);
      expect(hits).toEqual(bruteForce(lookup, set, codes, radius, true));
    }
  });

  it('probes no near chunk in tables with residual bits (a large index layout)', () => {
    const lookup = new WindowLookup(set, 3, undefined, 0);
    expect(found(lookup, 12, true)).toEqual(bruteForce(lookup, set, codes, 12));
  });
});

describe('WindowLookup, from a query window on (a second pass)', () => {
  const set = randomSet(4000, 11);
  const codes = Array.from({length: 90}, (_, i) => ({hi: (set.hi[i * 41] ^ (1 << (i % 32))) >>> 0, lo: (set.lo[i * 41] ^ (i % 7)) >>> 0}));
  for (const near of [false, true]) {
    it(`gives the added windows' pairs, numbered as in the whole list, and with the first part's the whole list's (near chunks: ${near})`, () => {
      const lookup = new WindowLookup(set, 4);
      const all = lookup.lookup(codes, 16, near);
      const added = lookup.lookup(codes, 16, near, 60);
      expect(added.length).toBeGreaterThan(20);
      expect([...added].every((h) => hitQuery(h) >= 60)).toBe(true);
      expect([...added]).toEqual([...all].filter((h) => hitQuery(h) >= 60));
      expect([...mergeHits(lookup.lookup(codes.slice(0, 60), 16, near), added)]).toEqual([...all]);
    });
  }
});

describe('WindowLookup, many hits', () => {
  it('keeps every pair when the query windows bring tens of thousands of entries past the check', () => {
    const set = randomSet(4000, 5);
    const lookup = new WindowLookup(set, 4);
    // 6,000 query windows, each a near-copy of a base that ~4 indexed windows also copy: each of the
    // 4 tables passes thousands of entries more than lookup's first scratch space holds.
    const codes = Array.from({length: 6000}, (_, i) => ({hi: set.hi[2 * (i % 2000) + 1], lo: (set.lo[2 * (i % 2000) + 1] ^ (1 << (i % 31))) >>> 0}));
    const hits = [...lookup.lookup(codes, 16)].map((h) => `${hitWindow(h)}/${hitQuery(h)}/${hitDistance(h)}`).sort();
    expect(hits.length).toBeGreaterThan(20_000);
    expect(hits).toEqual(bruteForce(lookup, set, codes, 16));
  });
});

describe('WindowLookup.build', () => {
  it('builds a small index (the bundled default) without pausing', async () => {
    const set = randomSet(BUILD_AT_ONCE_WINDOWS, 11);
    let pauses = 0;
    const built = await WindowLookup.build(set, async () => void pauses++);
    expect(pauses).toBe(0);
    const codes = Array.from({length: 40}, (_, i) => ({hi: set.hi[i * 101], lo: set.lo[i * 101]}));
    expect([...built.lookup(codes, 12)]).toEqual([...new WindowLookup(set).lookup(codes, 12)]);
  });
  it('builds in slices, pausing between them, the same tables the constructor builds', async () => {
    const set = randomSet(BUILD_AT_ONCE_WINDOWS + 5000, 9);
    let pauses = 0;
    const sliced = await WindowLookup.build(set, async () => void pauses++);
    // Per chunk (four of 16 bits here): two passes over the windows, each pausing after every slice
    // (full ones and a part), one pause after the bucket offsets, and one after each of the three
    // new arrays (offsets, their copy, entries) is first written through, each under TOUCH_SLICE.
    const slices = Math.ceil(set.hi.length / BUILD_SLICE);
    expect(slices).toBe(5);
    expect(sliced.chunks).toBe(4);
    expect(pauses).toBe(sliced.chunks * (2 * slices + 1 + 3));
    const codes = Array.from({length: 40}, (_, i) => ({hi: set.hi[i * 101], lo: set.lo[i * 101]}));
    expect([...sliced.lookup(codes, 12)]).toEqual([...new WindowLookup(set).lookup(codes, 12)]);
  });
});

/** A lookup's tables, from its private fields: every way of building them must give the same arrays. */
function tablesOf(lookup: WindowLookup) {
  const t = lookup as unknown as {bounds: number[]; offsets: Uint32Array[]; entries: Uint32Array[]; bucketCap: number[]; restMasks: number[]; residual: (Uint16Array | null)[]; residualShifts: number[]};
  return {bounds: t.bounds, offsets: t.offsets, entries: t.entries, bucketCap: t.bucketCap, restMasks: t.restMasks, residual: t.residual, residualShifts: t.residualShifts};
}

/** The same arrays, compared as bytes: toEqual on hundreds of thousands of elements takes seconds. */
const sameWords = (a: Uint32Array[], b: Uint32Array[]) => a.length === b.length && a.every((x, i) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(b[i].buffer, b[i].byteOffset, b[i].byteLength)));

/**
 * Written from the definitions, with BigInt: per chunk [a, b), the windows in order of chunk value
 * (then window number), each entry the 32 code bits that follow once the chunk is taken out, then
 * the window number.
 */
function referenceTable(set: ReturnType<typeof randomSet>, a: number, b: number): {offsets: Uint32Array; entries: Uint32Array} {
  const bits = (code: bigint, from: number, to: number) => (code >> BigInt(64 - to)) & ((1n << BigInt(to - from)) - 1n);
  const codes = Array.from(set.hi, (hi, i) => (BigInt(hi) << 32n) | BigInt(set.lo[i]));
  const value = codes.map((c) => Number(bits(c, a, b)));
  const offsets = new Uint32Array(2 ** (b - a) + 1);
  for (const v of value) offsets[v + 1]++;
  for (let v = 1; v < offsets.length; v++) offsets[v] += offsets[v - 1];
  const order = codes.map((_, i) => i).sort((x, y) => value[x] - value[y] || x - y);
  const entries = new Uint32Array(2 * codes.length);
  order.forEach((w, e) => {
    const withoutChunk = (bits(codes[w], 0, a) << BigInt(64 - b)) | bits(codes[w], b, 64);
    entries[2 * e] = Number(withoutChunk >> BigInt(32 - (b - a)));
    entries[2 * e + 1] = w;
  });
  return {offsets, entries};
}

describe('WindowLookup tables', () => {
  // Three to six chunks: chunks within hi, within lo and across both. With residual bits kept (three or
  // four chunks: more leave too many bits for them) every table is filled by the general loop, not per word.
  for (const chunks of [3, 4, 5, 6]) {
    for (const residualFrom of [RESIDUAL_FROM_WINDOWS, 0]) {
      it(`sorts the windows into ${chunks} tables as their definition says (residual bits kept from ${residualFrom} windows)`, () => {
        const set = randomSet(3000, 20 + chunks);
        const t = tablesOf(new WindowLookup(set, chunks, undefined, residualFrom));
        const reference = t.bounds.slice(0, -1).map((a, c) => referenceTable(set, a, t.bounds[c + 1]));
        expect(sameWords(t.offsets, reference.map((r) => r.offsets))).toBe(true);
        expect(sameWords(t.entries, reference.map((r) => r.entries))).toBe(true);
      });
    }
  }

  it('builds the same tables at once (the constructor) as in slices (build, on an index past BUILD_AT_ONCE_WINDOWS)', async () => {
    const set = randomSet(BUILD_AT_ONCE_WINDOWS + 5000, 9);
    for (const chunks of [4, 3]) {
      let pauses = 0;
      const sliced = tablesOf(await WindowLookup.build(set, async () => void pauses++, chunks));
      expect(pauses).toBeGreaterThan(0);
      const atOnce = tablesOf(new WindowLookup(set, chunks));
      expect(sliced.offsets).toHaveLength(chunks);
      expect(sameWords(atOnce.offsets, sliced.offsets)).toBe(true);
      expect(sameWords(atOnce.entries, sliced.entries)).toBe(true);
      expect({...atOnce, offsets: null, entries: null}).toEqual({...sliced, offsets: null, entries: null});
    }
  });
});
