import {describe, expect, it} from 'vitest';
import type {Flag} from '../shared/flag.js';
import {createHistoryStore, type StorageArea} from './history-store.js';

/** storage.local stand-in with an await between read and write, as the real one has. */
function memoryArea(): StorageArea & {data: Record<string, unknown>} {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (keys) => {
      await new Promise((r) => setImmediate(r));
      return Object.fromEntries(keys.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    set: async (items) => {
      await new Promise((r) => setImmediate(r));
      Object.assign(data, structuredClone(items));
    },
  };
}
const flag = (id: string, page = 'https://x.com/a'): Flag => ({imageUrl: `https://c/${id}`, pageUrl: page, slot: 'cover', meta: {id}, score: 0.7, region: [0, 0, 1, 1]});

describe('history store', () => {
  it('loses nothing when several images are flagged at once', async () => {
    const store = createHistoryStore(memoryArea(), () => 1000);
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => store.record(flag(id))));
    expect((await store.history()).map((e) => e.meta.id).sort()).toEqual(['a', 'b', 'c', 'd']);
  });
  it('survives a restart (a new store on the same storage)', async () => {
    const area = memoryArea();
    await createHistoryStore(area, () => 1000).record(flag('a'));
    expect((await createHistoryStore(area).history())[0].meta.id).toBe('a');
  });
  it('deletes one, clears all', async () => {
    const store = createHistoryStore(memoryArea(), () => 1000);
    await store.record(flag('a'));
    const [b] = await store.record(flag('b'));
    expect((await store.remove(b.key)).map((e) => e.meta.id)).toEqual(['a']);
    expect(await store.clear()).toEqual([]);
  });
  it('shortening retention prunes at once; site toggles merge', async () => {
    let now = 0;
    const store = createHistoryStore(memoryArea(), () => now);
    await store.record(flag('old'));
    now = 10 * 86_400_000;
    await store.record(flag('new'));
    await store.setSettings({retentionDays: 7, autoScan: {x: false} as never});
    expect((await store.history()).map((e) => e.meta.id)).toEqual(['new']);
    expect((await store.settings()).autoScan).toMatchObject({x: false, facebook: true});
  });
});
