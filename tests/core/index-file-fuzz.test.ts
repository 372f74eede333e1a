/**
 * Property tests of the index loader: thousands of damaged index files (bit flips, overwritten
 * bytes, cuts, insertions, absurd header fields, hostile metadata) must each be refused with an
 * IndexFormatError or decode to exactly the original; with the checksum repaired after the damage,
 * whatever decodes must be a set the Matcher can query. The streamed opening of a file
 * (index-source.ts, for indexes searched in place) and the merge's reader (index-file-reader.ts)
 * must refuse exactly the same files and read the same tables (codes, metadata) from those they accept.
 */
import fc from 'fast-check';
import {closeSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {FatalError} from '../../src/cli/args.js';
import {checkCrc, readIndexTables} from '../../src/cli/index-file-reader.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {crc32} from '../../src/core/crc32.js';
import {fingerprintPhoto, prepareQuery, type QueryPrint} from '../../src/core/fingerprint.js';
import {decodeIndex, encodeIndex, IndexFormatError} from '../../src/core/index-file.js';
import {openIndexSource} from '../../src/core/index-source.js';
import {Matcher} from '../../src/core/matcher.js';
import type {PhotoSet} from '../../src/core/photo-set.js';
import {tileSlots} from '../../src/core/tile-layout.js';
import {decodeImage} from '../../src/cli/decode.js';
import {cutBanner, fixtureImage, fixtureNames} from './photo-helpers.js';

const HEADER = 32;
/** Fixed seed: a failure is reproducible; fast-check prints the shrunk counterexample. */
const SEED = 20261126;

let original: Uint8Array;
let decoded: PhotoSet;
let query: QueryPrint;
/** Start of the window codes: damage below it hits the photo table and bitmaps, the structural part. */
let tableEnd: number;
let metaStart: number;

beforeAll(async () => {
  const names = fixtureNames().slice(0, 3);
  const prints = await Promise.all(names.map(async (n) => fingerprintPhoto(await fixtureImage(n))));
  const meta = names.map((n, i) => ({id: `test:${i}`, library: 'Unsplash', photographer: 'Ana Ö', downloads: 1000 * i, pageUrl: `https://example.test/${n}`}));
  original = encodeIndex(buildPhotoSet(prints, meta));
  decoded = decodeIndex(original);
  query = prepareQuery(await decodeImage(await cutBanner(names[1], 900, 300, 1.1)));
  const view = new DataView(original.buffer);
  const windows = view.getUint32(16, true);
  const metaBytes = view.getUint32(20, true);
  const fineWindows = view.getUint32(28, true);
  metaStart = original.length - metaBytes;
  tableEnd = metaStart - 2 * fineWindows - 8 * windows;
}, 60_000);

type Mutation =
  | {kind: 'flip'; at: number; bit: number}
  | {kind: 'set'; at: number; value: number}
  | {kind: 'u32'; at: number; value: number}
  | {kind: 'cut'; length: number}
  | {kind: 'insert'; at: number; bytes: Uint8Array}
  | {kind: 'delete'; at: number; count: number};

/** Positions biased towards the header and photo table, where a wrong byte changes structure. */
const position = () => fc.oneof(
  {weight: 2, arbitrary: fc.nat({max: HEADER - 1})},
  {weight: 3, arbitrary: fc.integer({min: HEADER, max: tableEnd - 1})},
  {weight: 2, arbitrary: fc.nat({max: original.length - 1})},
  {weight: 1, arbitrary: fc.integer({min: metaStart, max: original.length - 1})},
);
/** Values a hostile or broken writer would put in a count field. */
const u32 = fc.oneof(fc.constantFrom(0, 1, 2, 3, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff), fc.nat({max: 0xffffffff}));

const mutation = (): fc.Arbitrary<Mutation> => fc.oneof(
  fc.record({kind: fc.constant('flip' as const), at: position(), bit: fc.nat({max: 7})}),
  fc.record({kind: fc.constant('set' as const), at: position(), value: fc.nat({max: 255})}),
  fc.record({kind: fc.constant('u32' as const), at: fc.constantFrom(12, 16, 20, 24, 28, HEADER, HEADER + 4, HEADER + 12), value: u32}),
  fc.record({kind: fc.constant('cut' as const), length: fc.nat({max: original.length - 1})}),
  fc.record({kind: fc.constant('insert' as const), at: position(), bytes: fc.uint8Array({minLength: 1, maxLength: 16})}),
  fc.record({kind: fc.constant('delete' as const), at: position(), count: fc.integer({min: 1, max: 16})}),
);

function apply(bytes: Uint8Array, m: Mutation): Uint8Array {
  switch (m.kind) {
    case 'flip': {
      if (m.at >= bytes.length) return bytes;
      const out = bytes.slice();
      out[m.at] ^= 1 << m.bit;
      return out;
    }
    case 'set': {
      if (m.at >= bytes.length) return bytes;
      const out = bytes.slice();
      out[m.at] = m.value;
      return out;
    }
    case 'u32': {
      if (m.at + 4 > bytes.length) return bytes;
      const out = bytes.slice();
      new DataView(out.buffer).setUint32(m.at, m.value, true);
      return out;
    }
    case 'cut':
      return bytes.slice(0, m.length);
    case 'insert':
      return Uint8Array.from([...bytes.subarray(0, m.at), ...m.bytes, ...bytes.subarray(m.at)]);
    case 'delete':
      return Uint8Array.from([...bytes.subarray(0, m.at), ...bytes.subarray(m.at + m.count)]);
  }
}

/** The checksum recomputed after the damage, so only the structural checks stand in the way. */
function withFixedCrc(bytes: Uint8Array): Uint8Array {
  if (bytes.length < HEADER) return bytes;
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(24, crc32(out.subarray(HEADER)), true);
  return out;
}

/** decodeIndex's answer; any exception other than IndexFormatError fails the property. */
function load(bytes: Uint8Array): PhotoSet | IndexFormatError {
  try {
    return decodeIndex(bytes);
  } catch (err) {
    if (err instanceof IndexFormatError) return err;
    throw err;
  }
}

/** What the Matcher and verification rely on, checked independently of the decoder. */
function expectQueryableSet(set: PhotoSet) {
  const n = set.meta.length;
  expect(set.firstWindow).toHaveLength(n);
  let at = 0;
  for (let p = 0; p < n; p++) {
    expect(set.firstWindow[p]).toBe(at);
    const slots = tileSlots(set.workW[p], set.workH[p]).length;
    for (let w = at; w < at + set.windowCount[p]; w++) expect(set.slots[w]).toBeLessThan(slots);
    at += set.windowCount[p];
    expect(typeof set.meta[p].id).toBe('string');
  }
  expect(at).toBe(set.hi.length);
  const matches = new Matcher(set).match(query, {threshold: 0, limit: 5});
  for (const m of matches) {
    expect(m.photo).toBeLessThan(n);
    expect(Number.isFinite(m.score)).toBe(true);
    expect(m.region.every(Number.isFinite)).toBe(true);
  }
}

describe('index loader under damaged files (fast-check)', () => {
  it('refuses every damaged file or decodes exactly the original (checksum as written)', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.array(mutation(), {minLength: 1, maxLength: 4}), (ms) => {
        const result = load(ms.reduce(apply, original));
        if (result instanceof IndexFormatError) refused++;
        else expect(result).toEqual(decoded);
      }),
      {numRuns: 4000, seed: SEED},
    );
    // Not vacuous: nearly every mutation is refused (the exceptions leave the bytes as they were).
    expect(refused).toBeGreaterThan(3500);
  });

  it('with the checksum repaired, refuses the damage or yields a set the Matcher queries without error', () => {
    const outcomes = {refused: 0, decoded: 0};
    fc.assert(
      fc.property(fc.array(mutation(), {minLength: 1, maxLength: 3}), (ms) => {
        const result = load(withFixedCrc(ms.reduce(apply, original)));
        if (result instanceof IndexFormatError) outcomes.refused++;
        else {
          outcomes.decoded++;
          expectQueryableSet(result);
        }
      }),
      {numRuns: 2000, seed: SEED},
    );
    // Both branches are exercised: window codes may change freely, structure may not (85 of 2,000
    // decoded with the fine level's header count and bitmaps, 100-odd before: more is structure).
    expect(outcomes.decoded).toBeGreaterThan(50);
    expect(outcomes.refused).toBeGreaterThan(100);
  });

  it('refuses hostile metadata (any JSON in its place) or keeps only well-formed records', () => {
    const body = original.subarray(0, metaStart);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
          fc.array(fc.dictionary(fc.constantFrom('id', 'library', 'downloads', 'views', 'title', '__proto__', 'x'), fc.jsonValue()), {minLength: 3, maxLength: 3}).map((a) => JSON.stringify(a)),
          hostileRecords(fc.jsonValue()).map((a) => JSON.stringify(a)),
          fc.string({unit: 'binary', maxLength: 64}),
        ),
        (json) => {
          const meta = new TextEncoder().encode(json);
          const bytes = new Uint8Array(body.length + meta.length);
          bytes.set(body);
          bytes.set(meta, body.length);
          new DataView(bytes.buffer).setUint32(20, meta.length, true);
          const result = load(withFixedCrc(bytes));
          if (result instanceof IndexFormatError) return;
          expect(result.meta).toHaveLength(3);
          for (const m of result.meta) {
            expect(typeof m.id).toBe('string');
            expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
            for (const k of ['downloads', 'views', 'likes'] as const) if (m[k] !== undefined) expect(Number.isFinite(m[k])).toBe(true);
          }
          expectQueryableSet(result);
        },
      ),
      {numRuns: 1000, seed: SEED},
    );
  });
});

/**
 * A metadata section as encodeMeta writes it, with hostile parts: a list of shared strings (or
 * something else in its place), then three records whose fields are anything, or numbers that
 * may or may not name a shared string.
 */
function hostileRecords(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> {
  const shared = fc.oneof({weight: 4, arbitrary: fc.array(fc.string(), {maxLength: 3})}, {weight: 1, arbitrary: fc.jsonValue()});
  const field = fc.oneof(value, fc.integer({min: -1, max: 4}), fc.string());
  const record = fc.dictionary(fc.constantFrom('id', 'library', 'photographer', 'downloads', 'title', '__proto__'), field);
  return fc.tuple(shared, fc.array(record, {minLength: 3, maxLength: 3})).map(([s, records]) => [s, ...records]);
}

/** `original` with its metadata section replaced (header size and checksum kept consistent). */
function withMeta(meta: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(metaStart + meta.length);
  bytes.set(original.subarray(0, metaStart));
  bytes.set(meta, metaStart);
  new DataView(bytes.buffer).setUint32(20, meta.length, true);
  return withFixedCrc(bytes);
}

const refusal = (bytes: Uint8Array) => {
  const result = load(bytes);
  expect(result).toBeInstanceOf(IndexFormatError);
  return (result as IndexFormatError).message;
};

describe('index loader: named bad files', () => {
  it('refuses oversized metadata before parsing it, with a reason', () => {
    // 3 photos, 1 MB of otherwise valid JSON: over the per-photo cap.
    const huge = new TextEncoder().encode(JSON.stringify([[], ...[0, 1, 2].map((i) => ({id: `a${i}`, title: 'x'.repeat(350_000)}))]));
    expect(refusal(withMeta(huge))).toMatch(/bytes of metadata for 3 photos, over 128 KB per photo/);
    // Under the cap but one field too long.
    const long = new TextEncoder().encode(JSON.stringify([[], ...[0, 1, 2].map((i) => ({id: `a${i}`, title: 'x'.repeat(5000)}))]));
    expect(refusal(withMeta(long))).toMatch(/field title must be a string of at most 2048 characters/);
    const longShared = new TextEncoder().encode(JSON.stringify([['x'.repeat(5000)], ...[0, 1, 2].map((i) => ({id: `a${i}`}))]));
    expect(refusal(withMeta(longShared))).toMatch(/shared strings, each of at most 2048 characters/);
  });

  it('refuses absurd counts in the header whatever the checksum says', () => {
    for (const [at, value, message] of [
      [12, 0xffffffff, /implausible counts/],
      [16, 0xffffffff, /implausible counts/],
      [20, 0xffffffff, /bytes of metadata/],
      [12, 0, /implausible counts/],
      [12, 1_000_000, /truncated/],
    ] as const) {
      const bad = original.slice();
      new DataView(bad.buffer).setUint32(at, value, true);
      expect(refusal(withFixedCrc(bad))).toMatch(message);
    }
  });

  it('resolves shared strings, and refuses a record naming one the list does not have', () => {
    const [shared, ...three] = JSON.parse(new TextDecoder().decode(original.subarray(metaStart)));
    // The fixtures' three records share their library and photographer: written as numbers.
    expect(three.map((r: {library: unknown}) => typeof r.library)).toEqual(['number', 'number', 'number']);
    const set = load(withMeta(new TextEncoder().encode(JSON.stringify([shared, ...three]))));
    expect(set instanceof IndexFormatError ? set : set.meta.map((m) => [m.library, m.photographer])).toEqual([0, 1, 2].map(() => ['Unsplash', 'Ana Ö']));
    const bad = [shared, {...three[0], photographer: shared.length}, three[1], three[2]];
    expect(refusal(withMeta(new TextEncoder().encode(JSON.stringify(bad))))).toMatch(/photo 0: metadata field photographer names shared string 2, of 2/);
  });

  it('refuses a duplicated or missing metadata record and non-JSON metadata', () => {
    const [shared, ...three] = JSON.parse(new TextDecoder().decode(original.subarray(metaStart)));
    const section = (v: unknown) => withMeta(new TextEncoder().encode(JSON.stringify(v)));
    expect(refusal(section([shared, ...three.slice(0, 2)]))).toMatch(/must list its shared strings and 3 photos/);
    expect(refusal(section([shared, ...three, three[0]]))).toMatch(/must list its shared strings and 3 photos/);
    expect(refusal(section(three))).toMatch(/must list its shared strings and 3 photos/);
    expect(refusal(section([{}, ...three]))).toMatch(/must start with its shared strings/);
    expect(refusal(withMeta(Uint8Array.of(0xff, 0xfe, 0x5b)))).toMatch(/not valid UTF-8 JSON/);
  });
});

/** openIndexSource over in-memory bytes: its verdict, and what it reads, as one comparable value. */
async function openStreamed(bytes: Uint8Array): Promise<PhotoSet | IndexFormatError> {
  try {
    const index = await openIndexSource({size: bytes.length, read: async (at, length) => bytes.slice(at, at + length)});
    const {hi, lo, bytes: raw} = await index.readCodes(0, index.windows);
    // The checksum over the codes is completed by whoever reads them all (the search's opening pass).
    index.checkCodes(crc32(raw.hi), crc32(raw.lo));
    const meta = [];
    for (let p = 0; p < index.photos; p++) meta.push(await index.meta(p));
    const {firstWindow, windowCount, workW, workH, width, height, fineFirst, fineCount} = index;
    const fine = await index.readFine(0, index.fineWindows);
    return {firstWindow, windowCount, workW, workH, width, height, hi, lo, fineFirst, fineCount, fine, meta, slots: new Uint16Array(0), fineSlots: new Uint16Array(0)};
  } catch (err) {
    if (err instanceof IndexFormatError) return err;
    throw err;
  }
}

let mergeDir: string;
beforeAll(() => {
  mergeDir = mkdtempSync(join(tmpdir(), 'cliche-fuzz-merge-'));
});
afterAll(() => rmSync(mergeDir, {recursive: true, force: true}));

/** The merge's reader over the same bytes as a file (its checksum checked by a read of its own): its verdict and the tables it read. */
function openForMerge(bytes: Uint8Array): Partial<PhotoSet> | FatalError {
  const path = join(mergeDir, 'input.cliche');
  writeFileSync(path, bytes);
  let t: ReturnType<typeof readIndexTables> | undefined;
  try {
    t = readIndexTables(path);
    checkCrc(t);
    return {firstWindow: t.first, windowCount: t.count, workW: t.workW, workH: t.workH, width: t.width, height: t.height, fineFirst: t.fineFirst, fineCount: t.fineCount, meta: t.meta};
  } catch (err) {
    if (err instanceof FatalError) return err;
    throw err;
  } finally {
    if (t) closeSync(t.fd);
  }
}

/** The three openings agree: all refuse, or all read the same photos, codes and metadata. */
async function expectSameOpening(bytes: Uint8Array): Promise<boolean> {
  const whole = load(bytes);
  const streamed = await openStreamed(bytes);
  const merged = openForMerge(bytes);
  const refused = [whole, streamed, merged].map((r) => r instanceof Error);
  if (refused.some(Boolean)) {
    expect(refused).toEqual([true, true, true]);
    return false;
  }
  expect(streamed).toEqual({...whole, slots: new Uint16Array(0), fineSlots: new Uint16Array(0)});
  const {firstWindow, windowCount, workW, workH, width, height, fineFirst, fineCount, meta} = whole as PhotoSet;
  expect(merged).toEqual({firstWindow, windowCount, workW, workH, width, height, fineFirst, fineCount, meta});
  return true;
}

describe('streamed opening (index-source.ts) and the merge\'s reader under the same damage', () => {
  it('refuses exactly the files decodeIndex refuses, and reads the rest the same (checksum as written, then repaired)', async () => {
    const outcomes = {refused: 0, read: 0};
    for (const fix of [false, true]) {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation(), {minLength: 1, maxLength: 3}), async (ms) => {
          const bytes = ms.reduce(apply, original);
          outcomes[(await expectSameOpening(fix ? withFixedCrc(bytes) : bytes)) ? 'read' : 'refused']++;
        }),
        {numRuns: 1000, seed: SEED},
      );
    }
    // Both branches (65 files read, the rest refused, with this seed).
    expect(outcomes.read).toBeGreaterThan(30);
    expect(outcomes.refused).toBeGreaterThan(1000);
  });

  it('agrees with decodeIndex on hostile metadata', async () => {
    let read = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
          fc.array(fc.dictionary(fc.constantFrom('id', 'library', 'downloads', 'title', '__proto__'), fc.jsonValue()), {minLength: 3, maxLength: 3}).map((a) => JSON.stringify(a, null, 1)),
          fc.array(fc.record({id: fc.string({minLength: 1}), title: fc.string()}), {minLength: 3, maxLength: 3}).map((a) => JSON.stringify([[], ...a])),
          hostileRecords(fc.jsonValue()).map((a) => JSON.stringify(a, null, 1)),
          fc.string({unit: 'binary', maxLength: 64}),
        ),
        async (json) => {
          if (await expectSameOpening(withMeta(new TextEncoder().encode(json)))) read++;
        },
      ),
      {numRuns: 1000, seed: SEED},
    );
    expect(read).toBeGreaterThan(50);
  });
});
