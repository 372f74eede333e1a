import {beforeAll, describe, expect, it} from 'vitest';
import {decodeImage} from '../cli/decode.js';
import {buildPhotoSet} from '../core/build-photo-set.js';
import {combinePhotoSets} from '../core/combine-photo-sets.js';
import {fingerprintPhoto, prepareQuery} from '../core/fingerprint.js';
import {decodeIndex, encodeIndex} from '../core/index-file.js';
import {syntheticIndex} from '../../tests/bench/synthetic-index.js';
import sharp from 'sharp';
import {fixtureBytes, fixtureNames} from '../../tests/core/photo-helpers.js';
import type {IndexRepo} from '../shared/index-db.js';
import {DEFAULT_INDEX_ID, type IndexRecord} from '../shared/index-registry.js';
import {createIndexManager, type ManagerDeps} from './index-manager.js';
import {openIndexFile} from './index-open.js';
import type {Fetched} from './index-update.js';
import {verifyIndex} from './index-verify.js';
import {corrupt, indexFile} from './test-indexes.js';

/** IndexedDB stand-in with the same one-transaction switch; `failNextSwitch` simulates the worker dying mid-update. */
function memoryRepo() {
  const records = new Map<string, IndexRecord>();
  const bytes = new Map<string, ArrayBuffer | Blob>();
  const state = {failNextSwitch: false};
  const repo: IndexRepo = {
    records: async () => [...records.values()].map((r) => structuredClone(r)),
    putRecord: async (r) => void records.set(r.id, structuredClone(r)),
    putBytes: async (k, b) => void bytes.set(k, b),
    getBytes: async (k) => {
      const b = bytes.get(k);
      return b instanceof Blob ? b.arrayBuffer() : b;
    },
    getFile: async (k) => bytes.get(k),
    deleteBytes: async (k) => void bytes.delete(k),
    async switchBytes(r, oldKey) {
      if (state.failNextSwitch) {
        state.failNextSwitch = false;
        throw new Error('worker stopped');
      }
      records.set(r.id, structuredClone(r));
      if (oldKey && oldKey !== r.bytesKey) bytes.delete(oldKey);
    },
    removeRecord: async (id, k) => {
      records.delete(id);
      if (k) bytes.delete(k);
    },
    sweep: async () => 0,
  };
  return {repo, records, bytes, state};
}

function setup(serve: () => Fetched | Promise<Fetched>, repo = memoryRepo()) {
  let n = 0;
  let clock = 1000;
  const deps: ManagerDeps = {
    repo: repo.repo,
    loadBundled: async () => {
      const file = indexFile(['default:1', 'default:2'], 'Bundled');
      return {set: decodeIndex(file), size: file.byteLength};
    },
    verify: (b, sha256) => verifyIndex(b, {sha256, pause: async () => undefined}),
    open: (file, sha256, stored) => openIndexFile(file, {verify: deps.verify, pause: async () => undefined}, sha256, stored),
    fetchUpdate: async () => serve(),
    newKey: (p) => `${p}-${++n}`,
    newId: () => `id${++n}`,
    now: () => (clock += 1000),
    pause: async () => undefined,
  };
  return {manager: createIndexManager(deps), ...repo};
}

const downloaded = async (ids: string[], etag?: string): Promise<Fetched> => {
  const bytes = indexFile(ids, 'Team');
  return {kind: 'downloaded', file: bytes, loaded: {set: decodeIndex(bytes), size: bytes.byteLength}, etag};
};
const photoIds = (m: {set: {meta: {id: string}[]}}) => m.set.meta.map((x) => x.id);

describe('index manager', () => {
  it('imports a staged file, lists it and searches it together with the default index', async () => {
    const {manager, repo} = setup(() => ({kind: 'not-modified'}));
    await repo.putBytes('staged-1', indexFile(['mine:1']));
    const list = await manager.importStaged('staged-1', 'mine.cliche');
    expect(list.map((i) => [i.name, i.source, i.photos, i.loaded, i.removable])).toEqual([
      ['default-index.cliche', 'bundled', 2, true, false],
      ['mine.cliche', 'file', 1, true, true],
    ]);
    expect(photoIds(await manager.search())).toEqual(['default:1', 'default:2', 'mine:1']);
  });

  it('refuses a corrupt import, deletes its bytes and keeps the list as it was', async () => {
    const {manager, repo, bytes} = setup(() => ({kind: 'not-modified'}));
    await repo.putBytes('staged-1', corrupt(indexFile(['mine:1'])));
    await expect(manager.importStaged('staged-1', 'bad.cliche')).rejects.toThrow(/checksum mismatch/);
    expect(bytes.has('staged-1')).toBe(false);
    expect((await manager.info()).map((i) => i.name)).toEqual(['default-index.cliche']);
  });

  it('adopts only staged bytes, never the file of another index', async () => {
    const {manager, repo, bytes} = setup(() => ({kind: 'not-modified'}));
    await repo.putBytes('staged-1', indexFile(['mine:1']));
    await manager.importStaged('staged-1', 'mine.cliche');
    await expect(manager.importStaged('staged-1', 'again.cliche')).rejects.toThrow('not a staged file');
    await repo.putBytes('url-7', indexFile(['other:1']));
    await expect(manager.importStaged('url-7', 'other.cliche')).rejects.toThrow('not a staged file');
    expect(bytes.has('url-7')).toBe(true);
    expect(await manager.info()).toHaveLength(2);
  });

  it('disabling an index rebuilds the matcher without it; disabling all says so', async () => {
    const {manager, repo} = setup(() => ({kind: 'not-modified'}));
    await repo.putBytes('staged-1', indexFile(['mine:1']));
    const [, mine] = await manager.importStaged('staged-1', 'mine.cliche');
    await manager.setEnabled(DEFAULT_INDEX_ID, false);
    expect(photoIds(await manager.search())).toEqual(['mine:1']);
    await manager.setEnabled(mine.id, false);
    await expect(manager.search()).rejects.toThrow(/no index is enabled/);
    await expect(manager.remove(DEFAULT_INDEX_ID)).rejects.toThrow(/cannot be removed/);
  });

  it('keeps the other indexes working when one fails to load, and shows the failure on that one', async () => {
    const {manager, repo, bytes} = setup(() => ({kind: 'not-modified'}));
    await repo.putBytes('staged-1', indexFile(['mine:1']));
    await manager.importStaged('staged-1', 'mine.cliche');
    // A fresh worker (same storage) whose stored file has been damaged.
    bytes.set('staged-1', corrupt(bytes.get('staged-1') as ArrayBuffer));
    const {manager: restarted} = setup(() => ({kind: 'not-modified'}), {repo, bytes, records: new Map(), state: {failNextSwitch: false}});
    expect(photoIds(await restarted.search())).toEqual(['default:1', 'default:2']);
    const [def, mine] = await restarted.info();
    expect(def.loaded).toBe(true);
    expect(mine).toMatchObject({loaded: false, error: 'index checksum mismatch: the file is corrupted'});
  });

  it('subscribes, stores the ETag, keeps the file on 304 and on a corrupt 200, and switches on a good one', async () => {
    let next: Fetched | Promise<Fetched> = downloaded(['team:1'], '"v1"');
    const {manager, bytes, records} = setup(() => next);
    const list = await manager.subscribe('https://indexes.example/team.cliche', undefined, 7);
    const id = list[1].id;
    expect(list[1]).toMatchObject({name: 'team.cliche', source: 'url', photos: 1, loaded: true, updateDays: 7});
    expect(records.get(id)?.etag).toBe('"v1"');
    const firstKey = records.get(id)!.bytesKey!;

    next = {kind: 'not-modified'};
    expect((await manager.updateNow(id))[1].updateError).toBeUndefined();
    expect(records.get(id)).toMatchObject({bytesKey: firstKey, etag: '"v1"'});

    const bad = corrupt(indexFile(['team:2'], 'Team'));
    next = verifyIndex(bad, {pause: async () => undefined}).then(
      (set): Fetched => ({kind: 'downloaded', file: bad, loaded: {set, size: bad.byteLength}}),
      (err: Error): Fetched => ({kind: 'failed', error: err.message}));
    const afterBad = await manager.updateNow(id);
    expect(afterBad[1]).toMatchObject({photos: 1, loaded: true, updateError: 'index checksum mismatch: the file is corrupted'});
    expect(records.get(id)).toMatchObject({bytesKey: firstKey, etag: '"v1"'});
    expect(photoIds(await manager.search())).toContain('team:1');

    next = downloaded(['team:1', 'team:2'], '"v2"');
    const afterGood = await manager.updateNow(id);
    expect(afterGood[1]).toMatchObject({photos: 2, loaded: true});
    expect(afterGood[1].updateError).toBeUndefined();
    expect(records.get(id)?.etag).toBe('"v2"');
    expect(bytes.has(firstKey)).toBe(false);
    expect(photoIds(await manager.search())).toContain('team:2');
  });

  it('a worker stopped between writing new bytes and switching keeps the previous file in use', async () => {
    let next: Fetched | Promise<Fetched> = downloaded(['team:1'], '"v1"');
    const mem = memoryRepo();
    const {manager, records, state} = setup(() => next, mem);
    const id = (await manager.subscribe('https://indexes.example/team.cliche', undefined, 7))[1].id;
    const firstKey = records.get(id)!.bytesKey!;
    next = downloaded(['team:9'], '"v2"');
    state.failNextSwitch = true;
    await expect(manager.updateNow(id)).rejects.toThrow(/worker stopped/);
    expect(records.get(id)).toMatchObject({bytesKey: firstKey, etag: '"v1"'});
    const {manager: restarted} = setup(() => next, mem);
    expect(photoIds(await restarted.search())).toEqual(['default:1', 'default:2', 'team:1']);
  });

  it('still matches with the bundled index when IndexedDB cannot be opened', async () => {
    const mem = memoryRepo();
    mem.repo.records = async () => {
      throw new Error('IndexedDB unavailable');
    };
    const {manager} = setup(() => ({kind: 'not-modified'}), mem);
    expect(photoIds(await manager.search())).toEqual(['default:1', 'default:2']);
  });

  it('a subscription whose first download fails is not added', async () => {
    const {manager} = setup(() => ({kind: 'failed', error: 'the server answered HTTP 404'}));
    await expect(manager.subscribe('https://indexes.example/none.cliche', undefined, 7)).rejects.toThrow('the server answered HTTP 404');
    await expect(manager.subscribe('http://indexes.example/x.cliche', undefined, 7)).rejects.toThrow(/https/);
    expect(await manager.info()).toHaveLength(1);
  });

  it('the alarm updates only the subscriptions that are due', async () => {
    let calls = 0;
    const {manager} = setup(async () => (++calls === 1 ? downloaded(['team:1'], '"v1"') : {kind: 'not-modified'}));
    await manager.subscribe('https://indexes.example/team.cliche', undefined, 7);
    await manager.updateDue();
    expect(calls).toBe(1); // checked at subscribe time, not due for a week
  });
});

describe('index manager with a large index (past 2^18 windows)', () => {
  // A fixture mirrored: the synthetic index's real photos include the fixtures themselves.
  let photo: Buffer;
  let large: Uint8Array;
  beforeAll(async () => {
    photo = await sharp(fixtureBytes(fixtureNames()[3])).flop().jpeg({quality: 90}).toBuffer();
    const stock = buildPhotoSet([fingerprintPhoto(await decodeImage(photo))], [{id: 'stock:1', library: 'Unsplash'}]);
    large = encodeIndex(combinePhotoSets([stock, syntheticIndex(1800)]));
  }, 60_000);

  it('imports it without decoding it, and finds its photos by passes over the stored Blob', async () => {
    const {manager, repo} = setup(() => ({kind: 'not-modified'}));
    await repo.putBytes('staged-9', new Blob([large.buffer as ArrayBuffer]));
    const list = await manager.importStaged('staged-9', 'big.cliche');
    expect(list[1]).toMatchObject({name: 'big.cliche', photos: 1801, size: large.length, loaded: true, inPlace: true});
    expect(list[0].inPlace).toBeUndefined();
    const search = await manager.search();
    // Its photos are not in the in-memory set: it is searched in place.
    expect(photoIds(search)).toEqual(['default:1', 'default:2']);
    expect(search.streamed).toHaveLength(1);
    const q = prepareQuery(await decodeImage(await sharp(photo).resize(1500, 500, {fit: 'cover'}).jpeg({quality: 80}).toBuffer()));
    const [m] = await search.streamed[0].match(q, {limit: 1});
    expect(m).toMatchObject({meta: {id: 'stock:1', library: 'Unsplash'}});
    expect(m.score).toBeGreaterThanOrEqual(0.6);
  }, 60_000);

  it('refuses a damaged large file at import by its checksum, and deletes the staged bytes', async () => {
    const {manager, repo, bytes} = setup(() => ({kind: 'not-modified'}));
    const damaged = large.slice();
    damaged[damaged.length >> 1] ^= 0x40; // inside the window codes
    await repo.putBytes('staged-9', new Blob([damaged.buffer as ArrayBuffer]));
    await expect(manager.importStaged('staged-9', 'big.cliche')).rejects.toThrow(/checksum mismatch/);
    expect(bytes.has('staged-9')).toBe(false);
    expect((await manager.info()).map((i) => i.name)).toEqual(['default-index.cliche']);
  }, 60_000);
});
