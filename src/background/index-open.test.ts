import {beforeAll, describe, expect, it, vi} from 'vitest';
import {prepareQuery} from '../core/fingerprint.js';
import {decodeImage} from '../cli/decode.js';
import {encodeIndex} from '../core/index-file.js';
import {StreamedSearch, type OpenedState} from '../core/streamed-search.js';
import {syntheticIndex} from '../../tests/bench/synthetic-index.js';
import {fixtureBytes, fixtureNames} from '../../tests/core/photo-helpers.js';
import {openIndexFile} from './index-open.js';
import {verifyIndex} from './index-verify.js';
import type {OpenedCache} from './opened-cache.js';

/** The IndexedDB cache's contract, in memory. */
function memoryCache() {
  const states = new Map<string, OpenedState>();
  const cache: OpenedCache = {
    get: async (id) => states.get(id),
    put: async (id, state) => void states.set(id, state),
    forget: async (id) => void states.delete(id),
  };
  return {cache, states};
}

const deps = (opened?: OpenedCache) => ({verify: (b: ArrayBuffer) => verifyIndex(b, {pause: async () => undefined}), pause: async () => undefined, opened});
let large: Uint8Array;
let query: Awaited<ReturnType<typeof prepareQuery>>;

beforeAll(async () => {
  large = encodeIndex(syntheticIndex(1800)); // past 2^18 windows, the default index's real photos first
  query = prepareQuery(await decodeImage(fixtureBytes(fixtureNames()[0])));
}, 60_000);

describe('openIndexFile with a kept opening state', () => {
  it('keeps the state of a large file it opens, and resumes from it the next time, answering the same', async () => {
    const {cache, states} = memoryCache();
    const open = vi.spyOn(StreamedSearch, 'open');
    const first = await openIndexFile(new Blob([large.buffer as ArrayBuffer]), deps(cache));
    await vi.waitFor(() => expect(states.size).toBe(1));
    const second = await openIndexFile(new Blob([large.buffer as ArrayBuffer]), deps(cache));
    expect(open).toHaveBeenCalledTimes(1); // the second start resumed
    open.mockRestore();
    if (!('streamed' in first) || !('streamed' in second)) throw new Error('a large file is searched in place');
    const [a, b] = [await first.streamed.match(query, {threshold: 0}), await second.streamed.match(query, {threshold: 0})];
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(0);
  }, 60_000);

  it('a file damaged since its state was kept fails its first search on the checksum, and the state is forgotten', async () => {
    const {cache, states} = memoryCache();
    await openIndexFile(new Blob([large.buffer as ArrayBuffer]), deps(cache));
    await vi.waitFor(() => expect(states.size).toBe(1));
    // Same header (checksum and counts: the same identity), one byte of the codes changed.
    const damaged = large.slice();
    damaged[damaged.length >> 1] ^= 0x10;
    const resumed = await openIndexFile(new Blob([damaged.buffer as ArrayBuffer]), deps(cache));
    if (!('streamed' in resumed)) throw new Error('a large file is searched in place');
    await expect(resumed.streamed.match(query, {})).rejects.toThrow(/checksum mismatch/);
    await vi.waitFor(() => expect(states.size).toBe(0));
    // The next start opens it in full, and refuses it.
    await expect(openIndexFile(new Blob([damaged.buffer as ArrayBuffer]), deps(cache))).rejects.toThrow(/checksum mismatch/);
  }, 60_000);

  it('opens in full when the kept state does not fit, or when the cache fails', async () => {
    const {cache, states} = memoryCache();
    const broken: OpenedCache = {get: async () => Promise.reject(new Error('IndexedDB gone')), put: async () => Promise.reject(new Error('IndexedDB gone')), forget: async () => undefined};
    const viaBroken = await openIndexFile(new Blob([large.buffer as ArrayBuffer]), deps(broken));
    expect('streamed' in viaBroken).toBe(true);
    await openIndexFile(new Blob([large.buffer as ArrayBuffer]), deps(cache));
    await vi.waitFor(() => expect(states.size).toBe(1));
    const [id, state] = [...states][0];
    states.set(id, {...state, crowded: state.crowded.slice(1)});
    const open = vi.spyOn(StreamedSearch, 'open');
    await openIndexFile(new Blob([large.buffer as ArrayBuffer]), deps(cache));
    expect(open).toHaveBeenCalledTimes(1);
    open.mockRestore();
  }, 60_000);

  it('checks a large file\'s SHA-256 when it was just downloaded, not at every start (the hash needs the whole file in memory)', async () => {
    const blob = () => new Blob([large.buffer as ArrayBuffer]);
    await expect(openIndexFile(blob(), deps(), '0'.repeat(64))).rejects.toThrow(/^SHA-256 mismatch/);
    const stored = await openIndexFile(blob(), deps(), '0'.repeat(64), true);
    expect('streamed' in stored).toBe(true);
  }, 60_000);
});
