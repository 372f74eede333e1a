/** The indexes in use, loaded lazily once and searched together through one Matcher. */
import {combinePhotoSets} from '../core/combine-photo-sets.js';
import {decodeIndex} from '../core/index-file.js';
import {Matcher} from '../core/matcher.js';
import type {PhotoSet} from '../core/photo-set.js';
import type {IndexInfo} from '../shared/protocol.js';

/** Path inside the extension; build/index-asset.ts writes the file there. */
export const DEFAULT_INDEX_PATH = 'default-index.cliche';

export interface IndexSource {
  name: string;
  load(): Promise<ArrayBuffer>;
}

export interface IndexStore {
  /** Resolves to the matcher over every index that loaded; rejects when none did. */
  matcher(): Promise<Matcher>;
  info(): Promise<IndexInfo[]>;
}

export function createIndexStore(sources: IndexSource[]): IndexStore {
  let pending: Promise<{matcher: Matcher; infos: IndexInfo[]}> | null = null;

  async function loadAll() {
    const infos: IndexInfo[] = [];
    const sets: PhotoSet[] = [];
    for (const src of sources) {
      try {
        const set = decodeIndex(await src.load());
        sets.push(set);
        infos.push({name: src.name, photos: set.meta.length, loaded: true});
      } catch (err) {
        infos.push({name: src.name, photos: 0, loaded: false, error: err instanceof Error ? err.message : String(err)});
      }
    }
    if (sets.length === 0) throw new Error(infos.map((i) => `${i.name}: ${i.error}`).join('; ') || 'no index in use');
    return {matcher: new Matcher(combinePhotoSets(sets)), infos};
  }

  function loaded() {
    // A failed load is forgotten so the next request retries (e.g. after the user fixes an import).
    pending ??= loadAll().catch((err) => {
      pending = null;
      throw err;
    });
    return pending;
  }

  return {
    matcher: async () => (await loaded()).matcher,
    async info() {
      try {
        return (await loaded()).infos;
      } catch (err) {
        return sources.map((s) => ({name: s.name, photos: 0, loaded: false, error: err instanceof Error ? err.message : String(err)}));
      }
    },
  };
}

/** The index bundled with the extension (or the one CLICHE_INDEX put there at build time). */
export function bundledIndex(getURL: (path: string) => string, fetchFn: typeof fetch = fetch): IndexSource {
  return {
    name: DEFAULT_INDEX_PATH,
    async load() {
      const res = await fetchFn(getURL(DEFAULT_INDEX_PATH));
      if (!res.ok) throw new Error('the default index is missing from this build');
      return res.arrayBuffer();
    },
  };
}
