import {beforeAll, describe, expect, it} from 'vitest';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {combinePhotoSets} from '../../src/core/combine-photo-sets.js';
import {fingerprintPhoto} from '../../src/core/fingerprint.js';
import {readFileSync} from 'node:fs';
import {DEFAULT_INDEX} from '../../src/cli/load-index.js';
import {decodeIndex, decodeIndexAsync, encodeIndex, HOST_LITTLE_ENDIAN, IndexFormatError, readIndexHeader, readWords} from '../../src/core/index-file.js';
import type {PhotoSet} from '../../src/core/photo-set.js';
import {syntheticIndex} from '../bench/synthetic-index.js';
import {fixtureImage, fixtureNames} from './photo-helpers.js';

let bytes: Uint8Array;

beforeAll(async () => {
  const names = fixtureNames().slice(0, 3);
  const prints = await Promise.all(names.map(async (n) => fingerprintPhoto(await fixtureImage(n))));
  const meta = names.map((n, i) => ({id: `test:${i}`, library: 'Unsplash', photographer: 'Ana Ö', downloads: 1000 * i, pageUrl: `https://example.test/${n}`}));
  bytes = encodeIndex(buildPhotoSet(prints, meta));
});

/** Same kind of typed array with the same contents. */
const sameArray = (a: Uint32Array | Uint16Array, b: Uint32Array | Uint16Array) =>
  a.constructor === b.constructor && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const expectRefused = (b: Uint8Array, message: RegExp) => {
  expect(() => decodeIndex(b)).toThrow(IndexFormatError);
  expect(() => decodeIndex(b)).toThrow(message);
};

describe('index file', () => {
  it('decodes the same set with pauses between slices, and refuses a damaged file the same way', async () => {
    let pauses = 0;
    const pause = async () => void pauses++;
    expect(await decodeIndexAsync(bytes, pause)).toEqual(decodeIndex(bytes));
    expect(pauses).toBeGreaterThan(0);
    const damaged = bytes.slice();
    damaged[damaged.length - 10] ^= 0x20;
    await expect(decodeIndexAsync(damaged, pause)).rejects.toThrow(/checksum mismatch/);
  });

  it('round-trips fingerprints and metadata, from a Uint8Array or an ArrayBuffer', () => {
    const set = decodeIndex(bytes);
    expect(set.meta.map((m) => m.id)).toEqual(['test:0', 'test:1', 'test:2']);
    expect(set.meta[1]).toMatchObject({photographer: 'Ana Ö', downloads: 1000});
    expect(decodeIndex(encodeIndex(set))).toEqual(set);
    const copy = bytes.slice().buffer;
    expect(decodeIndex(copy).hi).toEqual(set.hi);
  });

  it('decodes an index of several slices of photos and of windows to the set it was written from', async () => {
    const set = syntheticIndex(1200);
    expect(set.hi.length).toBeGreaterThan(3 * 65_536);
    const decoded = await decodeIndexAsync(encodeIndex(set), async () => undefined);
    expect(decoded.meta).toEqual(set.meta);
    // Field by field, bytes compared at once: toEqual on these 200,000-element arrays took 4 s.
    const differing = (Object.keys(set) as (keyof PhotoSet)[]).filter((k) => k !== 'meta' && !sameArray(decoded[k] as Uint32Array, set[k] as Uint32Array));
    expect(differing).toEqual([]);
  });

  it('reads code words by byte copy exactly as through a DataView, at any alignment, in slices', () => {
    expect(HOST_LITTLE_ENDIAN).toBe(true);
    // Bytes inside a larger buffer, as a Uint8Array view at an odd offset.
    const bytes = Uint8Array.from({length: 260}, (_, i) => (i * 97 + 13) & 0xff).subarray(5);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (const section of [0, 1, 2, 3, 4, 7]) {
      const expected = Uint32Array.from({length: 60}, (_, w) => view.getUint32(section + 4 * w, true));
      for (const littleEndian of [true, false]) {
        const words = new Uint32Array(60);
        readWords(bytes, section, words, 0, 23, littleEndian);
        readWords(bytes, section, words, 23, 60, littleEndian);
        expect([...words], `section at ${section}, littleEndian ${littleEndian}`).toEqual([...expected]);
        // Half-words (the fine codes' section) the same way.
        const halves = new Uint16Array(60);
        readWords(bytes, section, halves, 0, 23, littleEndian);
        readWords(bytes, section, halves, 23, 60, littleEndian);
        expect([...halves], `uint16 section at ${section}, littleEndian ${littleEndian}`).toEqual(Array.from({length: 60}, (_, w) => view.getUint16(section + 2 * w, true)));
      }
    }
  });

  it('keeps the default index at most 2 KB per photo, metadata included (the budget is per index: a textured photo has more windows)', () => {
    const file = readFileSync(DEFAULT_INDEX);
    expect(file.length / readIndexHeader(file).photos).toBeLessThan(2048);
  });

  it('refuses a truncated file', () => {
    expectRefused(bytes.subarray(0, bytes.length - 7), /truncated/);
    expectRefused(bytes.subarray(0, 20), /shorter than the 32-byte header/);
  });

  it('refuses a flipped bit anywhere in the body', () => {
    for (const at of [40, Math.floor(bytes.length / 2), bytes.length - 3]) {
      const bad = bytes.slice();
      bad[at] ^= 0x10;
      expect(() => decodeIndex(bad)).toThrow(IndexFormatError);
    }
  });

  it('refuses another format version, another fingerprint version and foreign files', () => {
    const v1 = bytes.slice();
    v1[8] = 1;
    expectRefused(v1, /format version 1 is not supported/);
    const fp = bytes.slice();
    fp[10] = 9;
    expectRefused(fp, /fingerprint version 9/);
    expectRefused(new TextEncoder().encode('<html>not an index</html>...........'), /wrong magic/);
  });

  it('refuses absurd counts before allocating', () => {
    const bad = bytes.slice();
    new DataView(bad.buffer).setUint32(12, 0xffffffff, true);
    expectRefused(bad, /implausible counts/);
  });

  it('combines several indexes into one searchable set', () => {
    const one = decodeIndex(bytes);
    const both = combinePhotoSets([one, one]);
    expect(both.meta).toHaveLength(6);
    expect(both.firstWindow[3]).toBe(one.hi.length);
    expect(decodeIndex(encodeIndex(both)).meta).toHaveLength(6);
  });
});
