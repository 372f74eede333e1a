/** The options page's index list: import, subscribe, update, enable, remove; records persisted, search rebuilt. */
import type {Matcher} from '../core/matcher.js';
import type {PhotoSet} from '../core/photo-set.js';
import {STAGED_PREFIX, type IndexRepo} from '../shared/index-db.js';
import {
  applyOutcome, assertNewSubscription, DEFAULT_INDEX_ID, isDue, nameOfUrl, normalizeUpdateDays, parseSha256,
  parseSubscriptionUrl, removeRecord, setEnabled, withDefault, type IndexRecord,
} from '../shared/index-registry.js';
import type {IndexInfo} from '../shared/protocol.js';
import type {Fetched} from './index-update.js';
import {createIndexStore, photosOf, type Loaded} from './index-store.js';
import {timedAsync} from './step-timing.js';

export interface ManagerDeps {
  repo: IndexRepo;
  loadBundled(): Promise<Loaded>;
  /** Full check of a file (SHA-256 when given, CRC, structure); throws with the reason. */
  verify(bytes: ArrayBuffer, sha256?: string): Promise<PhotoSet>;
  /**
   * A stored file, checked, ready to search: decoded (verify), or, for a large index in a Blob,
   * opened to be searched in place (index-open.ts).
   */
  open(file: ArrayBuffer | Blob, sha256?: string, stored?: boolean): Promise<Loaded>;
  fetchUpdate(r: IndexRecord): Promise<Fetched>;
  newKey(prefix: string): string;
  newId(): string;
  now(): number;
  pause?: () => Promise<void>;
  prepared?(set: PhotoSet): Promise<Matcher> | undefined;
}

/** Staged bytes older than this with no record are left-overs of an interrupted import. */
const ORPHAN_AGE_MS = 3_600_000;

export function createIndexManager(deps: ManagerDeps) {
  let records: Promise<IndexRecord[]> | null = null;
  // Storage that cannot be opened must not take the bundled index down with it: it is used alone
  // and storage is tried again on the next request.
  const list = () => (records ??= timedAsync('records', () => deps.repo.records()).then(withDefault, () => {
    records = null;
    return withDefault([]);
  }));
  const store = createIndexStore({
    records: list,
    pause: deps.pause,
    prepared: deps.prepared,
    async load(r) {
      if (r.source === 'bundled') return deps.loadBundled();
      const file = r.bytesKey ? await deps.repo.getFile(r.bytesKey) : undefined;
      if (!file) throw new Error('its stored file is missing; import or subscribe again');
      return deps.open(file, r.sha256, true);
    },
  });

  // Every change of the list runs alone: two quick clicks must not overwrite each other.
  let lock: Promise<unknown> = Promise.resolve();
  function change<T>(work: (rs: IndexRecord[]) => Promise<{records: IndexRecord[]; value?: T}>): Promise<T | undefined> {
    const next = lock.then(async () => {
      const out = await work(await list());
      records = Promise.resolve(out.records);
      return out.value;
    });
    lock = next.catch(() => undefined);
    return next;
  }
  const find = (rs: IndexRecord[], id: string) => {
    const r = rs.find((x) => x.id === id);
    if (!r) throw new Error('no such index');
    return r;
  };
  const replace = (rs: IndexRecord[], r: IndexRecord) => rs.map((x) => (x.id === r.id ? r : x));

  async function info(): Promise<IndexInfo[]> {
    const status = await store.status();
    return (await list()).map((r): IndexInfo => {
      const s = status.get(r.id);
      return {
        id: r.id, name: r.name, source: r.source, enabled: r.enabled, removable: r.id !== DEFAULT_INDEX_ID,
        photos: s?.loaded ? s.photos : r.photos, size: s?.loaded ? s.size : r.size, loaded: !!s?.loaded,
        ...(s?.inPlace ? {inPlace: true} : {}),
        ...(s?.error ? {error: s.error} : {}),
        ...(r.url ? {url: r.url, updateDays: normalizeUpdateDays(r.updateDays)} : {}),
        ...(r.updatedAt ? {updatedAt: r.updatedAt} : {}),
        ...(r.lastCheckedAt ? {lastCheckedAt: r.lastCheckedAt} : {}),
        ...(r.updateError ? {updateError: r.updateError} : {}),
      };
    });
  }

  /** Downloads outside the lock (it can take minutes), then applies the outcome to the record as it is by then. */
  async function update(id: string): Promise<void> {
    const before = find(await list(), id);
    const fetched = await deps.fetchUpdate(before);
    const key = fetched.kind === 'downloaded' ? deps.newKey('url') : undefined;
    if (fetched.kind === 'downloaded' && key) await deps.repo.putBytes(key, fetched.file);
    await change(async (rs) => {
      const r = rs.find((x) => x.id === id);
      if (!r) {
        if (key) await deps.repo.deleteBytes(key); // removed meanwhile
        return {records: rs};
      }
      if (fetched.kind !== 'downloaded' || !key) {
        const next = applyOutcome(r, fetched.kind === 'failed' ? fetched : {kind: 'not-modified'}, deps.now());
        await deps.repo.putRecord(next);
        return {records: replace(rs, next)};
      }
      const next = applyOutcome(r, {kind: 'updated', bytesKey: key, photos: photosOf(fetched.loaded), size: fetched.loaded.size,
        etag: fetched.etag, lastModified: fetched.lastModified}, deps.now());
      store.prime(next, fetched.loaded);
      // The switch: the record points at the new bytes and the old ones go, in one transaction.
      await deps.repo.switchBytes(next, r.bytesKey);
      return {records: replace(rs, next)};
    });
    // Swap the search now rather than on the next check (the previous one answers meanwhile).
    void store.status().catch(() => undefined);
  }

  return {
    search: () => store.search(),
    ready: () => store.ready(),
    info,
    records: list,

    /** Adopts bytes the options page stored under `stagedKey`, once they pass every check. */
    async importStaged(stagedKey: string, name: string): Promise<IndexInfo[]> {
      // Only bytes staged for import: adopting another record's key would share (and later delete) its file.
      if (!stagedKey.startsWith(`${STAGED_PREFIX}-`) || (await list()).some((r) => r.bytesKey === stagedKey)) throw new Error('not a staged file');
      const file = await deps.repo.getFile(stagedKey);
      if (!file) throw new Error('the file did not reach the extension; try again');
      let loaded: Loaded;
      try {
        loaded = await deps.open(file);
      } catch (err) {
        await deps.repo.deleteBytes(stagedKey);
        throw err;
      }
      await change(async (rs) => {
        const r: IndexRecord = {id: deps.newId(), name: name.slice(0, 200) || 'index.cliche', source: 'file', enabled: true,
          bytesKey: stagedKey, photos: photosOf(loaded), size: loaded.size, updatedAt: deps.now()};
        store.prime(r, loaded);
        await deps.repo.putRecord(r);
        return {records: [...rs, r]};
      });
      return info();
    },

    /** Downloads and checks the index first: a subscription that cannot be fetched is not added. */
    async subscribe(rawUrl: string, rawSha256: string | undefined, updateDays: number): Promise<IndexInfo[]> {
      const url = parseSubscriptionUrl(rawUrl).href;
      assertNewSubscription(await list(), url);
      const draft: IndexRecord = {id: deps.newId(), name: nameOfUrl(new URL(url)), source: 'url', url, sha256: parseSha256(rawSha256),
        updateDays: normalizeUpdateDays(updateDays), enabled: true, photos: 0, size: 0};
      const fetched = await deps.fetchUpdate(draft);
      if (fetched.kind !== 'downloaded') throw new Error(fetched.kind === 'failed' ? fetched.error : 'the server sent no index');
      const key = deps.newKey('url');
      await deps.repo.putBytes(key, fetched.file);
      await change(async (rs) => {
        assertNewSubscription(rs, url);
        const r = applyOutcome(draft, {kind: 'updated', bytesKey: key, photos: photosOf(fetched.loaded), size: fetched.loaded.size,
          etag: fetched.etag, lastModified: fetched.lastModified}, deps.now());
        store.prime(r, fetched.loaded);
        await deps.repo.putRecord(r);
        return {records: [...rs, r]};
      }).catch(async (err) => {
        await deps.repo.deleteBytes(key);
        throw err;
      });
      return info();
    },

    async setEnabled(id: string, enabled: boolean): Promise<IndexInfo[]> {
      await change(async (rs) => {
        const next = setEnabled(rs, id, enabled);
        await deps.repo.putRecord(find(next, id));
        return {records: next};
      });
      return info();
    },

    async setUpdateDays(id: string, days: number): Promise<IndexInfo[]> {
      await change(async (rs) => {
        const r = {...find(rs, id), updateDays: normalizeUpdateDays(days)};
        if (r.source !== 'url') throw new Error('only subscriptions are updated');
        await deps.repo.putRecord(r);
        return {records: replace(rs, r)};
      });
      return info();
    },

    async remove(id: string): Promise<IndexInfo[]> {
      await change(async (rs) => {
        const next = removeRecord(rs, id);
        await deps.repo.removeRecord(id, find(rs, id).bytesKey);
        return {records: next};
      });
      return info();
    },

    async updateNow(id: string): Promise<IndexInfo[]> {
      if (find(await list(), id).source !== 'url') throw new Error('only subscriptions are updated');
      await update(id);
      return info();
    },

    /** The hourly alarm: checks each subscription whose period has passed, one after another. */
    async updateDue(): Promise<void> {
      for (const r of await list()) if (isDue(r, deps.now())) await update(r.id);
    },

    /** Drops bytes of imports or updates interrupted before their record switched to them. */
    sweep: () => deps.repo.sweep(deps.now() - ORPHAN_AGE_MS),
  };
}

export type IndexManager = ReturnType<typeof createIndexManager>;
