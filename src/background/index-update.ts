/** One update check of a subscribed index: conditional GET, size limit, verification; never throws. */
import {conditionalHeaders, type IndexRecord} from '../shared/index-registry.js';
import type {Loaded} from './index-store.js';

/** Larger downloads are refused: the biggest index measured so far (10^6 photos) is ~1.3 GB, far beyond what a browser should hold; 512 MB leaves 10x room over a 50 MB team index. */
export const MAX_INDEX_BYTES = 512 * 1024 * 1024;

export interface UpdateDeps {
  fetch: typeof fetch;
  /** Whether the extension may reach this URL (optional host permission granted). */
  mayFetch(url: string): Promise<boolean>;
  /** Checks and opens the downloaded file (index-open.ts): decoded, or searched in place when large. */
  open(file: Blob, sha256?: string): Promise<Loaded>;
}

/** What the check found: new verified bytes, "not modified", or why nothing changed. */
export type Fetched =
  | {kind: 'not-modified'}
  | {kind: 'failed'; error: string}
  | {kind: 'downloaded'; file: Blob | ArrayBuffer; loaded: Loaded; etag?: string; lastModified?: string};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function fetchIndexUpdate(r: IndexRecord, deps: UpdateDeps): Promise<Fetched> {
  if (!r.url) return {kind: 'failed', error: 'no address to update from'};
  if (!(await deps.mayFetch(r.url))) return {kind: 'failed', error: `no permission to reach ${new URL(r.url).host}; subscribe again to grant it`};
  let res: Response;
  try {
    // no-store: the conditional headers are ours; the HTTP cache must not answer from an old copy.
    res = await deps.fetch(r.url, {headers: conditionalHeaders(r), cache: 'no-store', credentials: 'omit', redirect: 'follow'});
  } catch (err) {
    return {kind: 'failed', error: `download failed: ${message(err)}`};
  }
  if (res.status === 304) return {kind: 'not-modified'};
  if (!res.ok) return {kind: 'failed', error: `the server answered HTTP ${res.status}`};
  if (res.url && !res.url.startsWith('https:')) return {kind: 'failed', error: 'the address redirected away from HTTPS'};
  const declared = Number(res.headers.get('content-length'));
  if (declared > MAX_INDEX_BYTES) return {kind: 'failed', error: `the file is too large (${declared} bytes)`};
  let blob: Blob;
  try {
    // Through a Blob: res.arrayBuffer() joined a 50 MB body in one task of the worker (200-280 ms
    // of CPU measured); the blob is filled outside it and read back in pieces (blob-bytes.ts), or
    // not at all for a large index, which is searched in place (index-open.ts). Stored as a Blob
    // too (index-db.ts says why).
    blob = await res.blob();
    if (blob.size > MAX_INDEX_BYTES) return {kind: 'failed', error: `the file is too large (${blob.size} bytes)`};
  } catch (err) {
    return {kind: 'failed', error: `download interrupted: ${message(err)}`};
  }
  try {
    const loaded = await deps.open(blob, r.sha256);
    return {kind: 'downloaded', file: blob, loaded, etag: res.headers.get('etag') ?? undefined, lastModified: res.headers.get('last-modified') ?? undefined};
  } catch (err) {
    return {kind: 'failed', error: message(err)};
  }
}
