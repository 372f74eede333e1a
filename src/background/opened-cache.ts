/**
 * What opening a large index in place learned (core/streamed-search.ts, OpenedState: its crowded
 * buckets and reference sample, about 1 MB at 10^5 photos), kept in IndexedDB under the file's
 * content (checksum and counts), so that a worker start resumes instead of reading the whole file
 * once more before its first answer. The file's checksum is still checked, by the first search.
 * A database of its own: the index database's schema and its crash-safe switches stay as they are.
 */
import type {OpenedState} from '../core/streamed-search.js';

export interface OpenedCache {
  get(identity: string): Promise<OpenedState | undefined>;
  put(identity: string, state: OpenedState): Promise<void>;
  forget(identity: string): Promise<void>;
}

const DB_NAME = 'cliche-opened';
const STORE = 'states';
/** States kept, the most recent ones: a few large indexes at most are in use at once. */
const KEEP = 4;

interface Entry {
  state: OpenedState;
  at: number;
}

const result = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

export function indexedDbOpenedCache(factory: IDBFactory = indexedDB, now = Date.now): OpenedCache {
  let db: Promise<IDBDatabase> | null = null;
  const conn = () => (db ??= (() => {
    const req = factory.open(DB_NAME, 1);
    req.onupgradeneeded = () => void req.result.createObjectStore(STORE);
    return result(req);
  })().catch((err) => {
    db = null;
    throw err;
  }));
  const store = async (mode: IDBTransactionMode) => (await conn()).transaction(STORE, mode).objectStore(STORE);
  return {
    async get(identity) {
      const entry = (await result((await store('readonly')).get(identity))) as Entry | undefined;
      return entry?.state;
    },
    async put(identity, state) {
      const s = await store('readwrite');
      await result(s.put({state, at: now()} satisfies Entry, identity));
      // Keys and values read in one transaction, so that they line up.
      const r = await store('readonly');
      const [keys, entries] = (await Promise.all([result(r.getAllKeys()), result(r.getAll())])) as [string[], Entry[]];
      if (keys.length <= KEEP) return;
      const oldest = keys.map((k, i) => [k, entries[i].at] as const).sort((a, b) => a[1] - b[1]).slice(0, keys.length - KEEP);
      const w = await store('readwrite');
      for (const [k] of oldest) w.delete(k);
    },
    async forget(identity) {
      await result((await store('readwrite')).delete(identity));
    },
  };
}
