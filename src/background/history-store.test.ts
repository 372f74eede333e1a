import {describe, expect, it} from 'vitest';
import type {Flag} from '../shared/flag.js';
import {historyHead} from '../shared/history.js';
import {HEAD_ENTRIES, HEAD_KEY, parseHead} from '../shared/storage-schema.js';
import {createHistoryStore, isQuotaError, type StorageArea} from './history-store.js';

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
  it('reads the settings without the history (asked on every check)', async () => {
    const area = memoryArea();
    const store = createHistoryStore(area, () => 1000);
    await store.record(flag('a'));
    await store.setSettings({threshold: 0.5});
    const asked: string[][] = [];
    const get = area.get;
    area.get = (keys) => { asked.push(keys); return get(keys); };
    expect((await store.settings()).threshold).toBe(0.5);
    expect(asked.flat()).not.toContain('history');
  });
});

/**
 * storage.local with a byte quota, failing as the browsers do: Chrome's "QUOTA_BYTES quota
 * exceeded" Error, or Firefox's QuotaExceededError DOMException. A failed set() writes nothing.
 */
function fullArea(quotaBytes: number, style: 'chrome' | 'firefox' = 'chrome') {
  const area = memoryArea();
  const size = (d: Record<string, unknown>) => JSON.stringify(d).length;
  const set = area.set;
  area.set = async (items) => {
    if (size({...area.data, ...items}) > quotaBytes) {
      throw style === 'chrome' ? new Error('QUOTA_BYTES quota exceeded') : new DOMException('storage full', 'QuotaExceededError');
    }
    await set(items);
  };
  return area;
}

describe('history store when storage is full', () => {
  it.each(['chrome', 'firefox'] as const)('%s: prunes the oldest entries, keeps the new one and leaves a notice', async (style) => {
    let now = 0;
    const area = fullArea(4000, style);
    const store = createHistoryStore(area, () => now);
    for (let i = 0; i < 40; i++) {
      now = (i + 1) * 1000;
      await store.record(flag(`p${i}`));
    }
    const history = await store.history();
    // Never a silent loss of everything: most entries kept, the newest always among them.
    expect(history.length).toBeGreaterThan(5);
    expect(history.length).toBeLessThan(40);
    expect(history[0].meta.id).toBe('p39');
    // What went is the oldest: every kept entry is newer than every dropped one.
    const kept = new Set(history.map((e) => e.meta.id));
    const dropped = Array.from({length: 40}, (_, i) => i).filter((i) => !kept.has(`p${i}`));
    expect(Math.max(...dropped)).toBeLessThan(Math.min(...[...kept].map((id) => Number(id.slice(1)))));
    expect(await store.notice()).toEqual({pruned: dropped.length, at: expect.any(Number)});
    await store.dismissNotice();
    expect(await store.notice()).toBeNull();
  });
  it('does not prune when storage has room, and reports no notice', async () => {
    const store = createHistoryStore(fullArea(1_000_000), () => 1000);
    for (const id of ['a', 'b', 'c']) await store.record(flag(id));
    expect(await store.history()).toHaveLength(3);
    expect(await store.notice()).toBeNull();
  });
  it('gives up with the error, history untouched, when even a pruned history does not fit', async () => {
    const area = fullArea(1_000_000);
    const store = createHistoryStore(area, () => 1000);
    await store.record(flag('a'));
    await store.record(flag('b'));
    area.set = async () => { throw new Error('QUOTA_BYTES quota exceeded'); };
    await expect(store.record(flag('c'))).rejects.toThrow(/QUOTA_BYTES/);
    expect((await store.history()).map((e) => e.meta.id).sort()).toEqual(['a', 'b']);
  });
  it('other write errors are not mistaken for a full storage', async () => {
    const area = memoryArea();
    const store = createHistoryStore(area, () => 1000);
    await store.record(flag('a'));
    area.set = async () => { throw new Error('IO error: disk gone'); };
    await expect(store.record(flag('b'))).rejects.toThrow('disk gone');
    expect(await store.history()).toHaveLength(1);
    expect(isQuotaError(new Error('IO error'))).toBe(false);
  });
});

describe('history store across a worker stopped mid-check', () => {
  it('a check retried in the same page visit records one entry seen once', async () => {
    const area = memoryArea();
    await createHistoryStore(area, () => 1000).record(flag('a'), 'visit-1');
    // The worker was stopped before it answered; the page retries against a fresh worker.
    const fresh = createHistoryStore(area, () => 2000);
    await fresh.record(flag('a'), 'visit-1');
    const history = await fresh.history();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({timesSeen: 1, firstSeen: 1000});
    // A later visit of the page is a new sighting.
    await fresh.record(flag('a'), 'visit-2');
    expect((await fresh.history())[0].timesSeen).toBe(2);
  });
});

/** The popup's head, as stored, must be exactly what the stored history gives. */
function expectHeadMatches(area: {data: Record<string, unknown>}) {
  const history = area.data.history as Parameters<typeof historyHead>[0];
  expect(parseHead(area.data[HEAD_KEY])).toEqual(historyHead(history));
}

describe('the popup head stored beside the history', () => {
  it('matches the full history after adds, repeats, deletes, retention and clear', async () => {
    let now = 1000;
    const area = memoryArea();
    const store = createHistoryStore(area, () => now);
    for (let i = 0; i < HEAD_ENTRIES + 4; i++) {
      now += 1000;
      await store.record(flag(`p${i % 7}`, `https://x.com/${i}`));
      expectHeadMatches(area);
    }
    const head = parseHead(area.data[HEAD_KEY])!;
    expect(head.count).toBe(HEAD_ENTRIES + 4);
    expect(head.entries).toHaveLength(HEAD_ENTRIES);
    expect(head.seen.p0).toBe(2); // p0 is on pages 0 and 7: counted over the whole history, not the head
    now += 1000;
    await store.record(flag('p3', 'https://x.com/3')); // an old entry seen again comes first
    expectHeadMatches(area);
    expect(parseHead(area.data[HEAD_KEY])!.entries[0].pageUrl).toBe('https://x.com/3');
    await store.remove(head.entries[0].key);
    expectHeadMatches(area);
    now += 10 * 86_400_000;
    await store.record(flag('late'));
    await store.setSettings({retentionDays: 7});
    expectHeadMatches(area);
    expect(parseHead(area.data[HEAD_KEY])!.count).toBe(1);
    await store.clear();
    expect(parseHead(area.data[HEAD_KEY])).toEqual({count: 0, entries: [], seen: {}});
  });
  it('is written for a history saved before heads existed when the extension is installed or updated (rewrite)', async () => {
    const area = memoryArea();
    const old = createHistoryStore(area, () => 5000);
    await old.record(flag('a'));
    await old.record(flag('b', 'https://x.com/b'));
    const history = structuredClone(area.data.history);
    delete area.data[HEAD_KEY]; // as a version without heads left it
    await createHistoryStore(area, () => 6000).rewrite();
    expectHeadMatches(area);
    expect(parseHead(area.data[HEAD_KEY])!.count).toBe(2);
    expect(area.data.history).toEqual(history); // nothing else changed
  });
  it('is written in the same set() as the history, so a stopped worker cannot leave them apart', async () => {
    const area = memoryArea();
    const writes: string[][] = [];
    const set = area.set;
    area.set = async (items) => { writes.push(Object.keys(items)); await set(items); };
    const store = createHistoryStore(area, () => 1000);
    await store.record(flag('a'));
    await store.clear();
    expect(writes.length).toBeGreaterThan(0);
    for (const keys of writes.filter((k) => k.includes('history'))) expect(keys).toContain(HEAD_KEY);
  });
  it('matches the pruned history when full storage forced entries out', async () => {
    let now = 0;
    const area = fullArea(4000);
    const store = createHistoryStore(area, () => now);
    for (let i = 0; i < 40; i++) {
      now = (i + 1) * 1000;
      await store.record(flag(`p${i}`));
      expectHeadMatches(area);
    }
    expect(await store.notice()).not.toBeNull(); // it did prune
    expect(parseHead(area.data[HEAD_KEY])!.count).toBe((await store.history()).length);
  });
});
