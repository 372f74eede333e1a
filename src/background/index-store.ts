/**
 * The enabled indexes searched together: the loaded ones through one Matcher, large ones in place
 * (index-search.ts). When the enabled set changes the search is rebuilt in the background while the
 * previous one keeps answering checks; an index that fails to load is reported on its own and the
 * others stay in use.
 */
import {combinePhotoSetsAsync, partsOf} from '../core/combine-photo-sets.js';
import {decodeIndexAsync} from '../core/index-file.js';
import {Matcher} from '../core/matcher.js';
import {allocatePhotoSet, type PhotoSet} from '../core/photo-set.js';
import {enabledSignature, type IndexRecord} from '../shared/index-registry.js';
import {BatchedSearch, indexSearch, type IndexSearch} from './index-search.js';
import {yieldToEvents} from './index-verify.js';
import {timedAsync, timedSlices} from './step-timing.js';

/** Path inside the extension; build/index-asset.ts writes the file there. */
export const DEFAULT_INDEX_PATH = 'default-index.cliche';

/** An index decoded into memory, or a large one opened to be searched in place. */
export type Loaded = {set: PhotoSet; size: number} | {streamed: BatchedSearch; size: number};

/** An index decoded into memory. */
export type InMemory = Extract<Loaded, {set: PhotoSet}>;

export const photosOf = (l: Loaded) => ('set' in l ? l.set.meta.length : l.streamed.photos);

/** How one enabled index fared in the last build. */
export interface LoadStatus {
  loaded: boolean;
  photos: number;
  size: number;
  /** A large index, searched in place (index-search.ts). */
  inPlace?: boolean;
  error?: string;
}

export interface IndexStoreDeps {
  /** The current list (the manager's, in memory). */
  records(): Promise<IndexRecord[]>;
  load(r: IndexRecord): Promise<Loaded>;
  /** Between slices of preparation (the background passes one that gives way to checks while a matcher answers them). */
  pause?: () => Promise<void>;
  /** A matcher already being built for exactly this set (index-setup.ts starts one for the bundled index), if any. */
  prepared?(set: PhotoSet): Promise<Matcher> | undefined;
}

interface Built {
  signature: string;
  search: IndexSearch | null;
  status: Map<string, LoadStatus>;
  error?: string;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const cacheKey = (r: IndexRecord) => `${r.id}:${r.bytesKey ?? ''}`;

export function createIndexStore(deps: IndexStoreDeps) {
  const pause = deps.pause ?? yieldToEvents;
  /** Decoded sets of enabled indexes, so toggling one does not reload the others. */
  const cache = new Map<string, Loaded>();
  let built: Built | null = null;
  let building: {signature: string; done: Promise<Built>} | null = null;

  async function build(records: IndexRecord[], signature: string): Promise<Built> {
    const status = new Map<string, LoadStatus>();
    /** The enabled indexes loaded, with their cache keys. */
    const kept: {key: string; set: PhotoSet}[] = [];
    const streamed: BatchedSearch[] = [];
    const enabled = records.filter((r) => r.enabled);
    for (const r of enabled) {
      try {
        const loaded = cache.get(cacheKey(r)) ?? (await timedAsync(`load ${r.source}`, () => deps.load(r)));
        cache.set(cacheKey(r), loaded);
        if ('set' in loaded) kept.push({key: cacheKey(r), set: loaded.set});
        else streamed.push(loaded.streamed);
        status.set(r.id, {loaded: true, photos: photosOf(loaded), size: loaded.size, ...('streamed' in loaded ? {inPlace: true} : {})});
      } catch (err) {
        status.set(r.id, {loaded: false, photos: 0, size: 0, error: message(err)});
      }
      await pause();
    }
    const inUse = new Set(enabled.map(cacheKey));
    for (const key of cache.keys()) if (!inUse.has(key)) cache.delete(key);
    if (kept.length === 0 && streamed.length === 0) {
      const why = [...status].map(([id, s]) => `${id}: ${s.error}`).join('; ');
      return {signature, search: null, status, error: why || 'no index is enabled; enable one in the options'};
    }
    if (kept.length === 0) return {signature, search: indexSearch(allocatePhotoSet(0, 0), null, streamed), status};
    const sets = kept.map((k) => k.set);
    // Both in slices: one piece each held up every message for 0.3-0.6 s (combine) and seconds (tables) with a 50 MB index.
    const combined = await timedSlices('combine', pause, (p) => combinePhotoSetsAsync(sets, p));
    // The kept sets become views into the combination: one copy of each window, not two.
    // (Only entries still holding the set combined: a build started meanwhile may have changed them.)
    if (sets.length > 1) {
      partsOf(combined, sets).forEach((part, i) => {
        const entry = cache.get(kept[i].key);
        if (entry && 'set' in entry && entry.set === kept[i].set) cache.set(kept[i].key, {...entry, set: part});
      });
    }
    const matcher = deps.prepared?.(combined) ?? timedSlices('matcher-build', pause, (p) => Matcher.build(combined, p));
    return {signature, search: indexSearch(combined, await matcher, streamed), status};
  }

  /** The build for the current records, starting it when the enabled set changed (or the last one found nothing). */
  async function current(): Promise<Built> {
    const records = await deps.records();
    const signature = enabledSignature(records);
    if (built?.signature === signature && built.search) return built;
    if (building?.signature === signature) return building.done;
    const done = build(records, signature).then((b) => {
      if (building?.signature === signature) {
        built = b;
        building = null;
      }
      return b;
    });
    building = {signature, done};
    return done;
  }

  return {
    /** Whether a search answers checks now (then a rebuild may give way to them: nothing waits for it). */
    ready: () => !!built?.search,
    /** The search over every enabled index that loaded; the previous one while a rebuild runs. */
    async search(): Promise<IndexSearch> {
      const fresh = current();
      fresh.catch(() => undefined);
      const signature = enabledSignature(await deps.records());
      if (built?.search && built.signature !== signature && building?.signature === signature) return built.search;
      const b = await fresh;
      if (!b.search) throw new Error(b.error);
      return b.search;
    },
    /** Waits for the build of the current records and returns each enabled index's status. */
    async status(): Promise<Map<string, LoadStatus>> {
      return (await current()).status;
    },
    /** Hands over a set already decoded (import, update) so the rebuild does not decode it again. */
    prime(r: IndexRecord, loaded: Loaded): void {
      cache.set(cacheKey(r), loaded);
    },
  };
}

export type IndexStore = ReturnType<typeof createIndexStore>;

/** The index bundled with the extension (or the one CLICHE_INDEX put there at build time). */
export async function loadBundled(getURL: (path: string) => string, fetchFn: typeof fetch = fetch, pause = yieldToEvents): Promise<InMemory> {
  const res = await fetchFn(getURL(DEFAULT_INDEX_PATH));
  if (!res.ok) throw new Error('the default index is missing from this build');
  const bytes = await res.arrayBuffer();
  return {set: await timedSlices('decode bundled', pause, (p) => decodeIndexAsync(bytes, p)), size: bytes.byteLength};
}
