import {describe, expect, it, vi} from 'vitest';
import {decodeIndex} from '../core/index-file.js';
import {Matcher} from '../core/matcher.js';
import type {PhotoSet} from '../core/photo-set.js';
import {defaultRecord, type IndexRecord} from '../shared/index-registry.js';
import {createIndexStore, type InMemory} from './index-store.js';
import {indexFile} from './test-indexes.js';
import {createWorkGate} from './work-gate.js';

const loaded = (ids: string[]): InMemory => {
  const file = indexFile(ids);
  return {set: decodeIndex(file), size: file.byteLength};
};
const team: IndexRecord = {id: 'team', name: 'team.cliche', source: 'file', enabled: true, bytesKey: 'k1', photos: 1, size: 1};
const ids = (m: {set: {meta: {id: string}[]}}) => m.set.meta.map((x) => x.id);

describe('index store', () => {
  it('loads each index once, however many checks ask', async () => {
    const load = vi.fn(async () => loaded(['default:1']));
    const store = createIndexStore({records: async () => [defaultRecord()], load, pause: async () => undefined});
    const [a, b] = await Promise.all([store.search(), store.search()]);
    expect(a).toBe(b);
    expect(load).toHaveBeenCalledTimes(1);
    expect(await store.status()).toEqual(new Map([['default', {loaded: true, photos: 1, size: expect.any(Number)}]]));
  });

  it('reports a damaged index by name and retries on the next request', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('index checksum mismatch')).mockResolvedValue(loaded(['default:1']));
    const store = createIndexStore({records: async () => [defaultRecord()], load, pause: async () => undefined});
    await expect(store.search()).rejects.toThrow('default: index checksum mismatch');
    await expect(store.search()).resolves.toBeDefined();
  });

  it('keeps answering with the previous matcher while the new enabled set loads, then swaps', async () => {
    let records = [defaultRecord()];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const load = vi.fn(async (r: IndexRecord) => {
      if (r.id === 'team') await slow;
      return loaded([`${r.id}:1`]);
    });
    const store = createIndexStore({records: async () => records, load, pause: async () => undefined});
    const first = await store.search();
    records = [defaultRecord(), team];
    expect(await store.search()).toBe(first); // the team index is still loading
    release();
    await store.status();
    expect(ids(await store.search())).toEqual(['default:1', 'team:1']);
    // The default index was not loaded again for the rebuild.
    expect(load.mock.calls.filter(([r]) => r.id === 'default')).toHaveLength(1);
  });

  it('holds each window once with two indexes enabled, and answers the same after one is switched off', async () => {
    let records = [defaultRecord(), team];
    const decoded = new Map<string, InMemory>();
    const load = vi.fn(async (r: IndexRecord) => decoded.get(r.id) ?? decoded.set(r.id, loaded([`${r.id}:1`, `${r.id}:2`])).get(r.id)!);
    const store = createIndexStore({records: async () => records, load, pause: async () => undefined});
    const both = (await store.search()).set;
    expect(ids({set: both})).toEqual(['default:1', 'default:2', 'team:1', 'team:2']);
    records = [defaultRecord()];
    await store.search(); // starts the rebuild (the previous matcher answers meanwhile)
    await store.status();
    const alone = (await store.search()).set;
    expect(ids({set: alone})).toEqual(['default:1', 'default:2']);
    // Not reloaded: the kept default set is a view into the combination, not the decoded copy.
    expect(load).toHaveBeenCalledTimes(2);
    expect(alone.hi.buffer).toBe(both.hi.buffer);
    expect(alone.hi.buffer).not.toBe(decoded.get('default')!.set.hi.buffer);
    const original = decoded.get('default')!.set;
    for (const k of ['firstWindow', 'windowCount', 'workW', 'workH', 'width', 'height', 'slots', 'hi', 'lo'] as const) {
      expect([...alone[k]], k).toEqual([...original[k]]);
    }
  });

  it('takes a matcher already being built for the same set (the bundled index at worker start), and only for it', async () => {
    const bundled = loaded(['default:1']);
    const early = new Matcher(bundled.set);
    const prepared = vi.fn((set: PhotoSet) => (set === bundled.set ? Promise.resolve(early) : undefined));
    const store = createIndexStore({records: async () => [defaultRecord()], load: async () => bundled, pause: async () => undefined, prepared});
    expect((await store.search()).loaded).toBe(early);
    const other = createIndexStore({records: async () => [defaultRecord(), team], load: async (r) => (r.id === 'team' ? loaded(['team:1']) : bundled),
      pause: async () => undefined, prepared});
    expect((await other.search()).loaded).not.toBe(early);
    expect(ids(await other.search())).toEqual(['default:1', 'team:1']);
  });

  it('uses a primed set instead of loading it again', async () => {
    const load = vi.fn(async (r: IndexRecord) => loaded([`${r.id}:1`]));
    const store = createIndexStore({records: async () => [defaultRecord(), team], load, pause: async () => undefined});
    store.prime(team, loaded(['team:primed']));
    expect(ids(await store.search())).toEqual(['default:1', 'team:primed']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a rebuild waits while a check is answered by the previous matcher; the first build never waits', async () => {
    let records = [defaultRecord()];
    const gate = createWorkGate();
    const store = createIndexStore({records: async () => records, load: async (r) => loaded([`${r.id}:1`]), pause: () => gate.pause(store.ready)});
    let check!: () => void;
    gate.hold({type: 'checkImage'}, new Promise<void>((resolve) => (check = resolve)));
    const first = await store.search(); // checks wait for this one: it must not give way to them
    records = [defaultRecord(), team];
    let rebuilt = false;
    void store.status().then(() => (rebuilt = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rebuilt).toBe(false);
    expect(await store.search()).toBe(first);
    check();
    await store.status();
    expect(ids(await store.search())).toEqual(['default:1', 'team:1']);
  });
});
