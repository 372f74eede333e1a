/**
 * Imported and subscribed index files in IndexedDB (shared by the options page, which stages a
 * picked file, and the background, which owns the records). Bytes are written under a fresh key
 * before a record points at them, and a record switches to new bytes in one transaction that also
 * deletes the old ones: a worker killed at any moment leaves either the old index or the new one
 * in use, at worst with orphan bytes that `sweep` removes.
 */
import {blobBytes} from './blob-bytes.js';
import type {IndexRecord} from './index-registry.js';

const DB_NAME = 'cliche-indexes';
const DB_VERSION = 1;
const RECORDS = 'records';
const BYTES = 'bytes';

/** What the index manager needs from storage (an in-memory fake in tests). */
export interface IndexRepo {
  records(): Promise<IndexRecord[]>;
  /** Record-only change (enable, settings, update check result). */
  putRecord(r: IndexRecord): Promise<void>;
  /**
   * A Blob where the caller has one (a download, a picked file): Chromium serializes, and
   * compresses, an ArrayBuffer value on the calling thread, which held the worker for 540-680 ms
   * of CPU to store a 50 MB index and as long to read it back; a Blob's bytes stay in the browser's
   * blob store and are read back in chunks. (Making a Blob of an ArrayBuffer costs as much: 550 ms.)
   */
  putBytes(key: string, bytes: ArrayBuffer | Blob): Promise<void>;
  getBytes(key: string): Promise<ArrayBuffer | undefined>;
  /** The stored value as it is: a Blob is not read (a large index is searched from it in place). */
  getFile(key: string): Promise<ArrayBuffer | Blob | undefined>;
  deleteBytes(key: string): Promise<void>;
  /** One transaction: store `r` (now pointing at its new bytes) and delete `oldKey`'s bytes. */
  switchBytes(r: IndexRecord, oldKey?: string): Promise<void>;
  /** One transaction: delete the record and its bytes. */
  removeRecord(id: string, bytesKey?: string): Promise<void>;
  /** Deletes bytes no record points at that were stored before `before` (staged or half-switched). */
  sweep(before: number): Promise<number>;
}

/** Prefix of bytes the options page stores for the background to adopt (importIndex). */
export const STAGED_PREFIX = 'staged';

/** A fresh key that carries its creation time, so `sweep` can age orphans without reading their bytes. */
export const newBytesKey = (prefix: string, now = Date.now()) => `${prefix}-${now.toString(36)}-${crypto.randomUUID()}`;

export function keyTime(key: string): number {
  const t = parseInt(key.split('-')[1] ?? '', 36);
  return Number.isFinite(t) ? t : 0;
}

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });

const result = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

function open(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, DB_VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS, {keyPath: 'id'});
    if (!db.objectStoreNames.contains(BYTES)) db.createObjectStore(BYTES);
  };
  return result(req);
}

export function indexedDbRepo(factory: IDBFactory = indexedDB): IndexRepo {
  let db: Promise<IDBDatabase> | null = null;
  const conn = () => (db ??= open(factory).catch((err) => {
    db = null;
    throw err;
  }));
  async function run<T>(stores: string[], mode: IDBTransactionMode, work: (tx: IDBTransaction) => Promise<T> | T): Promise<T> {
    const tx = (await conn()).transaction(stores, mode);
    const finished = done(tx);
    const value = await work(tx);
    await finished;
    return value;
  }
  const getFile = (key: string) => run([BYTES], 'readonly', (tx) => result(tx.objectStore(BYTES).get(key) as IDBRequest<ArrayBuffer | Blob | undefined>));
  return {
    records: () => run([RECORDS], 'readonly', (tx) => result(tx.objectStore(RECORDS).getAll() as IDBRequest<IndexRecord[]>)),
    putRecord: (r) => run([RECORDS], 'readwrite', (tx) => void tx.objectStore(RECORDS).put(r)),
    putBytes: (key, bytes) => run([BYTES], 'readwrite', (tx) => void tx.objectStore(BYTES).put(bytes, key)),
    getFile,
    async getBytes(key) {
      const stored = await getFile(key);
      return stored instanceof Blob ? blobBytes(stored) : stored;
    },
    deleteBytes: (key) => run([BYTES], 'readwrite', (tx) => void tx.objectStore(BYTES).delete(key)),
    switchBytes: (r, oldKey) =>
      run([RECORDS, BYTES], 'readwrite', (tx) => {
        tx.objectStore(RECORDS).put(r);
        if (oldKey && oldKey !== r.bytesKey) tx.objectStore(BYTES).delete(oldKey);
      }),
    removeRecord: (id, bytesKey) =>
      run([RECORDS, BYTES], 'readwrite', (tx) => {
        tx.objectStore(RECORDS).delete(id);
        if (bytesKey) tx.objectStore(BYTES).delete(bytesKey);
      }),
    sweep: (before) =>
      run([RECORDS, BYTES], 'readwrite', async (tx) => {
        const records = (await result(tx.objectStore(RECORDS).getAll())) as IndexRecord[];
        const used = new Set(records.map((r) => r.bytesKey).filter(Boolean));
        const keys = (await result(tx.objectStore(BYTES).getAllKeys())) as string[];
        const orphans = keys.filter((key) => !used.has(key) && keyTime(key) < before);
        for (const key of orphans) tx.objectStore(BYTES).delete(key);
        return orphans.length;
      }),
  };
}
