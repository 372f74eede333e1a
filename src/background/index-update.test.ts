import {describe, expect, it, vi} from 'vitest';
import type {IndexRecord} from '../shared/index-registry.js';
import {fetchIndexUpdate, type UpdateDeps} from './index-update.js';
import {openIndexFile} from './index-open.js';
import {sha256Hex, verifyIndex} from './index-verify.js';
import {corrupt, indexFile} from './test-indexes.js';
import {encodeIndex} from '../core/index-file.js';
import {syntheticIndex} from '../../tests/bench/synthetic-index.js';

const record: IndexRecord = {id: 's1', name: 'team.cliche', source: 'url', url: 'https://indexes.example/team.cliche', enabled: true,
  photos: 1, size: 10, bytesKey: 'url-old', etag: '"v1"', lastModified: 'Mon, 02 Nov 2026 10:00:00 GMT'};

function deps(response: () => Response | Promise<Response>, mayFetch = true): UpdateDeps & {fetch: ReturnType<typeof vi.fn>} {
  return {
    fetch: vi.fn(async () => response()),
    mayFetch: async () => mayFetch,
    open: (file, sha256) => openIndexFile(file, {verify: (bytes, sha) => verifyIndex(bytes, {sha256: sha, pause: async () => undefined}), pause: async () => undefined}, sha256),
  };
}

describe('fetchIndexUpdate', () => {
  it('asks conditionally and reports 304 as not modified', async () => {
    const d = deps(() => new Response(null, {status: 304}));
    expect(await fetchIndexUpdate(record, d)).toEqual({kind: 'not-modified'});
    const [, init] = d.fetch.mock.calls[0] as [string, RequestInit];
    expect(init.headers).toEqual({'If-None-Match': '"v1"', 'If-Modified-Since': 'Mon, 02 Nov 2026 10:00:00 GMT'});
    expect(init.credentials).toBe('omit');
  });
  it('returns a verified download with its validators', async () => {
    const file = indexFile(['team:1', 'team:2']);
    const out = await fetchIndexUpdate(record, deps(() => new Response(file, {headers: {etag: '"v2"', 'last-modified': 'Tue, 03 Nov 2026 10:00:00 GMT'}})));
    expect(out.kind).toBe('downloaded');
    if (out.kind !== 'downloaded') return;
    expect('set' in out.loaded && out.loaded.set.meta.map((m) => m.id)).toEqual(['team:1', 'team:2']);
    expect(out).toMatchObject({etag: '"v2"', lastModified: 'Tue, 03 Nov 2026 10:00:00 GMT'});
    // What gets stored: the downloaded bytes themselves, as a Blob.
    expect(out.file).toBeInstanceOf(Blob);
    expect(Buffer.from(await (out.file as Blob).arrayBuffer()).equals(Buffer.from(file))).toBe(true);
  });
  it('refuses a 200 whose CRC-32 does not match, saying why', async () => {
    const out = await fetchIndexUpdate(record, deps(() => new Response(corrupt(indexFile(['team:1'])), {headers: {etag: '"bad"'}})));
    expect(out).toEqual({kind: 'failed', error: 'index checksum mismatch: the file is corrupted'});
  });
  it('checks the SHA-256 given with the subscription', async () => {
    const file = indexFile(['team:1']);
    const good = await fetchIndexUpdate({...record, sha256: await sha256Hex(file)}, deps(() => new Response(file)));
    expect(good.kind).toBe('downloaded');
    const bad = await fetchIndexUpdate({...record, sha256: '0'.repeat(64)}, deps(() => new Response(file)));
    expect(bad).toMatchObject({kind: 'failed', error: expect.stringMatching(/^SHA-256 mismatch/)});
  });
  it('reports HTTP errors, network errors and a missing host permission without throwing', async () => {
    expect(await fetchIndexUpdate(record, deps(() => new Response('nope', {status: 503})))).toEqual({kind: 'failed', error: 'the server answered HTTP 503'});
    expect(await fetchIndexUpdate(record, deps(() => Promise.reject(new TypeError('Failed to fetch')))))
      .toEqual({kind: 'failed', error: 'download failed: Failed to fetch'});
    const d = deps(() => new Response(null, {status: 304}), false);
    expect(await fetchIndexUpdate(record, d)).toMatchObject({kind: 'failed', error: expect.stringMatching(/no permission to reach indexes\.example/)});
    expect(d.fetch).not.toHaveBeenCalled();
  });
  it('refuses a file declared larger than the limit before reading it', async () => {
    const out = await fetchIndexUpdate(record, deps(() => new Response('x', {headers: {'content-length': String(2 ** 30)}})));
    expect(out).toMatchObject({kind: 'failed', error: expect.stringMatching(/too large/)});
  });
});

describe('verifyIndex', () => {
  it('checks the CRC in slices, yielding between them, before decoding', async () => {
    const pause = vi.fn(async () => undefined);
    const file = indexFile(['a']);
    // A zero budget pauses at every yield of the sliced decoding.
    await expect(verifyIndex(file, {pause, sliceBudgetMs: 0})).resolves.toMatchObject({meta: [{id: 'a'}]});
    expect(pause).toHaveBeenCalled();
    await expect(verifyIndex(new ArrayBuffer(10), {pause})).rejects.toThrow(/shorter than the 32-byte header/);
  });
  it('opens a large download in place, without decoding it, after checking its SHA-256', async () => {
    const large = encodeIndex(syntheticIndex(1800, 1, false)).buffer as ArrayBuffer; // past 2^18 windows
    const sha256 = await sha256Hex(large);
    const out = await fetchIndexUpdate({...record, sha256}, deps(() => new Response(large)));
    expect(out.kind === 'downloaded' && 'streamed' in out.loaded && out.loaded.streamed.photos).toBe(1800);
    const bad = await fetchIndexUpdate({...record, sha256: '0'.repeat(64)}, deps(() => new Response(large)));
    expect(bad).toMatchObject({kind: 'failed', error: expect.stringMatching(/^SHA-256 mismatch/)});
  }, 60_000);
});
