import {describe, expect, it, vi} from 'vitest';
import type {Flag} from '../shared/flag.js';
import {createCheckCache, MAX_CACHED, setIdentity, type SessionArea} from './check-cache.js';

/** storage.session stand-in: survives a new cache (a restarted worker), as the browser's does. */
function sessionArea(): SessionArea & {data: Map<string, unknown>} {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (keys) => Object.fromEntries([...data].filter(([k]) => keys === null || keys.includes(k)).map(([k, v]) => [k, structuredClone(v)])),
    set: async (items) => void Object.entries(items).forEach(([k, v]) => data.set(k, structuredClone(v))),
    remove: async (keys) => void keys.forEach((k) => data.delete(k)),
  };
}

const flagFor = (url: string, pageUrl: string, slot: Flag['slot']): Flag =>
  ({imageUrl: url, pageUrl, slot, meta: {id: `stock:${url.slice(-1)}`}, score: 0.8, region: [0, 0, 1, 1]});

function setup(session?: SessionArea, version = async () => 'v1') {
  const check = vi.fn(async (url: string, pageUrl: string, slot: Flag['slot']) => (url.endsWith('x') ? null : flagFor(url, pageUrl, slot)));
  return {check, cache: createCheckCache({check, version: () => version(), session})};
}

describe('check cache', () => {
  it('fingerprints each URL once, even when asked at once from several pages', async () => {
    const {check, cache} = setup(sessionArea());
    const answers = await Promise.all([
      cache.check('https://cdn/a', 'https://x.com/1', 'cover'),
      cache.check('https://cdn/a', 'https://x.com/2', 'other'),
      cache.check('https://cdn/x', 'https://x.com/1', 'other'),
      cache.check('https://cdn/x', 'https://x.com/1', 'other'),
    ]);
    expect(check).toHaveBeenCalledTimes(2);
    // The answer is the image's; page and slot are the asker's.
    expect(answers[1]).toMatchObject({imageUrl: 'https://cdn/a', pageUrl: 'https://x.com/2', slot: 'other'});
    expect(answers[3]).toBeNull();
    expect(cache.stats).toEqual({requests: 4, fingerprinted: ['https://cdn/a', 'https://cdn/x'], maxConcurrent: 4});
  });
  it('keeps answers for the session across a worker restart', async () => {
    const session = sessionArea();
    await setup(session).cache.check('https://cdn/a', 'https://x.com/1', 'cover');
    const restarted = setup(session);
    expect(await restarted.cache.check('https://cdn/a', 'https://x.com/1', 'cover')).toMatchObject({meta: {id: 'stock:a'}});
    expect(restarted.check).not.toHaveBeenCalled();
  });
  it('checks again when the threshold or the indexes changed', async () => {
    let v = 'threshold 0.6';
    const {check, cache} = setup(sessionArea(), async () => v);
    await cache.check('https://cdn/a', 'p', 'cover');
    v = 'threshold 0.8';
    await cache.check('https://cdn/a', 'p', 'cover');
    expect(check).toHaveBeenCalledTimes(2);
    // The checker is told which version it answers for (index.ts starts a fresh one per version).
    expect(check.mock.calls.map((c) => (c as unknown[])[3])).toEqual(['threshold 0.6', 'threshold 0.8']);
  });
  it('does not keep failures', async () => {
    const check = vi.fn().mockRejectedValueOnce(new Error('the image server answered 503')).mockResolvedValueOnce(null);
    const cache = createCheckCache({check, version: async () => 'v', session: sessionArea()});
    await expect(cache.check('https://cdn/a', 'p', 'cover')).rejects.toThrow('503');
    await expect(cache.check('https://cdn/a', 'p', 'cover')).resolves.toBeNull();
  });
  it('while the indexes load, downloads images it has no answer for yet, and only those', async () => {
    const session = sessionArea();
    await setup(session).cache.check('https://cdn/a', 'p', 'cover'); // answered before the worker restarted
    let release!: () => void;
    const loaded = new Promise<void>((resolve) => (release = resolve));
    let ready = false;
    const prefetch = vi.fn();
    const check = vi.fn(async () => null);
    const cache = createCheckCache({check, session, ready: () => ready, prefetch, version: async () => (await loaded, 'v1')});
    const answers = [cache.check('https://cdn/a', 'p', 'cover'), cache.check('https://cdn/b', 'p', 'other')];
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(prefetch.mock.calls).toEqual([['https://cdn/b']]); // before the indexes are there
    ready = true;
    release();
    await Promise.all(answers);
    await cache.check('https://cdn/c', 'p', 'other');
    expect(prefetch).toHaveBeenCalledTimes(1); // loaded: no more downloads ahead
  });
  it('stays bounded in the session area', async () => {
    const session = sessionArea();
    const {cache} = setup(session);
    for (let i = 0; i < MAX_CACHED + 5; i++) await cache.check(`https://cdn/${i}a`, 'p', 'other');
    expect(session.data.size).toBeLessThanOrEqual(MAX_CACHED);
    expect(session.data.size).toBeGreaterThan(0);
  });
});

describe('setIdentity', () => {
  const set = (ids: string[], codes: number[]) => ({meta: ids.map((id) => ({id})), hi: Uint32Array.from(codes), lo: Uint32Array.from(codes.map((c) => c * 7))});
  it('is the same for the same photos (a restarted worker reuses the session answers)', () => {
    expect(setIdentity(set(['a', 'b'], [1, 2, 3]))).toBe(setIdentity(set(['a', 'b'], [1, 2, 3])));
  });
  it('changes when an index is added, removed or updated', () => {
    const base = setIdentity(set(['a', 'b'], Array.from({length: 64}, (_, i) => i)));
    expect(setIdentity(set(['a', 'b', 'c'], Array.from({length: 64}, (_, i) => i)))).not.toBe(base);
    expect(setIdentity(set(['a', 'b'], Array.from({length: 64}, (_, i) => i * 3)))).not.toBe(base);
  });
});
