import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import sharp from 'sharp';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {FatalError} from '../../src/cli/args.js';
import {decodeImage} from '../../src/cli/decode.js';
import {openStreamedIndex, type OpenedIndex} from '../../src/cli/streamed-index-file.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {combinePhotoSets} from '../../src/core/combine-photo-sets.js';
import {fingerprintPhoto, prepareQuery, type QueryPrint} from '../../src/core/fingerprint.js';
import {encodeIndex} from '../../src/core/index-file.js';
import {fineHistogram} from '../../src/core/chance-rates.js';
import {openIndexSource} from '../../src/core/index-source.js';
import {Matcher} from '../../src/core/matcher.js';
import type {PhotoSet} from '../../src/core/photo-set.js';
import {StreamedSearch} from '../../src/core/streamed-search.js';
import {SMALL_INDEX_WINDOWS} from '../../src/core/window-lookup.js';
import {syntheticIndex} from '../bench/synthetic-index.js';
import {cutBanner, fixtureBytes, fixtureImage, fixtureNames} from './photo-helpers.js';

// A large index (three lookup chunks, as from ~1,500 photos): the fixtures but the last, then
// synthetic photos made of real window codes (tests/bench/synthetic-index.ts) past 2^18 windows.
const names = fixtureNames();
const indexed = names.slice(0, -1);
const dir = mkdtempSync(join(tmpdir(), 'cliche-streamed-'));
const file = join(dir, 'large.cliche');
let set: PhotoSet;
let opened: OpenedIndex;
const queries: {what: string; print: QueryPrint}[] = [];

beforeAll(async () => {
  const prints = await Promise.all(indexed.map(async (n) => fingerprintPhoto(await fixtureImage(n))));
  set = combinePhotoSets([buildPhotoSet(prints, indexed.map((id) => ({id}))), syntheticIndex(1800)]);
  writeFileSync(file, encodeIndex(set));
  opened = await openStreamedIndex(file);
  const add = async (what: string, bytes: Buffer) => queries.push({what, print: prepareQuery(await decodeImage(bytes))});
  for (const [i, name] of names.entries()) {
    await add(`${name} re-post`, await sharp(fixtureBytes(name)).resize({width: 500}).jpeg({quality: 75}).toBuffer());
    await add(`${name} banner`, await cutBanner(name, [820, 1500, 1584][i % 3], [312, 500, 396][i % 3], 1.1, 0.4, 0.6));
  }
}, 120_000);

/** The index file opened through core/index-source.ts, as the extension opens a Blob. */
const sourceOf = (path: string) => openIndexSource({size: statSync(path).size, read: async (at, length) => new Uint8Array(readFileSync(path).subarray(at, at + length))});

afterAll(() => {
  opened?.close();
  rmSync(dir, {recursive: true, force: true});
});

describe('StreamedSearch', () => {
  it('is used on an index past the small-index size', () => {
    expect(set.hi.length).toBeGreaterThan(SMALL_INDEX_WINDOWS);
  });

  it('gives every query the same verdicts, scores and regions as the in-memory Matcher', async () => {
    const matcher = new Matcher(set);
    // Threshold 0: every verified candidate is compared, not only the flags.
    const streamed = await opened.search.search(queries.map((q) => q.print), {threshold: 0, limit: 5});
    let flagged = 0;
    queries.forEach((q, i) => {
      const expected = matcher.match(q.print, {threshold: 0, limit: 5});
      expect(streamed[i], q.what).toEqual(expected);
      if (expected[0]?.score >= 0.6) flagged++;
    });
    // The comparison means something only if the batch holds real matches.
    expect(flagged).toBeGreaterThanOrEqual(indexed.length);
  }, 120_000);

  it('counts buckets in 16 bits (as indexes past ~66 M windows do) with the same answers', async () => {
    const index = await sourceOf(file);
    const wide = await StreamedSearch.open(index, undefined, true);
    const prints = queries.map((q) => q.print);
    expect(await wide.search(prints, {threshold: 0, limit: 5})).toEqual(await opened.search.search(prints, {threshold: 0, limit: 5}));
  }, 120_000);

  it('answers a batch of one as it answers that query within a batch', async () => {
    const [alone] = await opened.search.search([queries[3].print], {threshold: 0});
    const [inBatch] = (await opened.search.search(queries.slice(2, 6).map((q) => q.print), {threshold: 0})).slice(1);
    expect(alone).toEqual(inBatch);
    // The fixture is also in the default index's real photos (as palapeli-castle-maintenon): either is right.
    expect(alone[0]?.score).toBeGreaterThanOrEqual(0.6);
  }, 60_000);

  it('resumes from a kept opening state with the same answers, without the opening pass', async () => {
    const resumed = StreamedSearch.resume(await sourceOf(file), opened.search.state());
    const prints = queries.map((q) => q.print);
    expect(await resumed.search(prints, {threshold: 0, limit: 5})).toEqual(await opened.search.search(prints, {threshold: 0, limit: 5}));
  }, 120_000);

  it('a resumed search of a damaged file fails its first pass on the checksum, and gives no answer', async () => {
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] ^= 0x10; // inside the window codes: the structure still reads
    const damaged = join(dir, 'damaged.cliche');
    writeFileSync(damaged, bytes);
    const resumed = StreamedSearch.resume(await sourceOf(damaged), opened.search.state());
    await expect(resumed.search([queries[0].print])).rejects.toThrow(/checksum mismatch/);
  });

  it('refuses a kept state of another index', async () => {
    const state = opened.search.state();
    const other = {...state, reference: {...state.reference, hi: state.reference.hi.subarray(1)}};
    const index = await sourceOf(file);
    expect(() => StreamedSearch.resume(index, other)).toThrow(/does not fit/);
  });

  it('refuses a small index, which loads whole', async () => {
    const small = buildPhotoSet([fingerprintPhoto(await fixtureImage(names[0]))], [{id: names[0]}]);
    const index = {windows: small.hi.length, fineWindows: small.fine.length, ...small, bitmaps: new Uint8Array(0), bitmapAt: new Uint32Array(2), meta: () => small.meta[0],
      readCodes: async () => ({hi: small.hi, lo: small.lo, bytes: {hi: new Uint8Array(0), lo: new Uint8Array(0)}}), checkCodes: () => undefined,
      readFine: async () => small.fine, fineCodes: fineHistogram(small.fine)};
    await expect(StreamedSearch.open(index)).rejects.toThrow(/small enough to load/);
  });

  it('refuses a file whose window codes were corrupted, by its checksum', async () => {
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] ^= 0x10; // inside the window codes
    const bad = join(dir, 'flipped.cliche');
    writeFileSync(bad, bytes);
    await expect(openStreamedIndex(bad)).rejects.toThrow(FatalError);
    await expect(openStreamedIndex(bad)).rejects.toThrow(/checksum mismatch/);
  });
});
