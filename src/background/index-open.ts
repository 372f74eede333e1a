/**
 * A stored index file made ready to search: decoded into memory, or, when it is large and stored
 * as a Blob, opened in place (core/index-source.ts, core/streamed-search.ts) so that the worker
 * never holds its window codes.
 */
import type {PhotoSet} from '../core/photo-set.js';
import {readIndexHeader, type IndexHeader} from '../core/index-file.js';
import {openIndexSource, type ByteSource} from '../core/index-source.js';
import {searchedInPlace, StreamedSearch} from '../core/streamed-search.js';
import {blobBytes} from '../shared/blob-bytes.js';
import {BatchedSearch} from './index-search.js';
import type {OpenedCache} from './opened-cache.js';
import type {Loaded} from './index-store.js';
import {sha256Hex} from './index-verify.js';
import {timedAsync} from './step-timing.js';

/**
 * Random access to a Blob: only the slices asked for are read (from the browser's blob store). A
 * fresh ArrayBuffer per slice, not a "bring your own buffer" stream read into reused ones: that
 * kept the worker's memory flat (USS 94-96 MB against a 55-125 MB saw-tooth at 10^5 photos) but
 * gave 3 of 5 imports of a 50 MB index a worker task over 50 ms of wall time (54-93 ms, 12-23 ms
 * of CPU), which 7 imports without it never had (tests/bench/README.md).
 */
export function blobSource(blob: Blob): ByteSource {
  return {size: blob.size, read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer())};
}

/** The header of a file declaring more windows than a small index, else null (an unreadable header too: decoding says why). */
async function largeHeader(blob: Blob): Promise<IndexHeader | null> {
  try {
    const h = readIndexHeader(await blobSource(blob).read(0, 32));
    return searchedInPlace(h.windows) ? h : null;
  } catch {
    return null;
  }
}

export interface OpenDeps {
  verify(bytes: ArrayBuffer, sha256?: string): Promise<PhotoSet>;
  pause(): Promise<void>;
  /** Where a large index's opening state is kept between worker starts (opened-cache.ts), if anywhere. */
  opened?: OpenedCache;
}

/**
 * A large index in a Blob is opened in place, its checksum (CRC-32 over every byte) checked as it
 * opens (or by its first search) and a subscription's SHA-256 when it was just downloaded: not once
 * `stored`, since hashing needs the whole file in the worker's memory (crypto.subtle has no
 * streaming digest), at every worker start. Anything else decodes, its SHA-256 checked each time.
 */
export async function openIndexFile(file: ArrayBuffer | Blob, deps: OpenDeps, sha256?: string, stored = false): Promise<Loaded> {
  const large = file instanceof Blob ? await largeHeader(file) : null;
  if (file instanceof Blob && large) {
    if (sha256 && !stored) {
      const actual = await sha256Hex(await blobBytes(file));
      if (actual !== sha256) throw new Error(`SHA-256 mismatch: expected ${sha256.slice(0, 12)}…, got ${actual.slice(0, 12)}…`);
    }
    const index = await timedAsync('in place: tables and metadata', () => openIndexSource(blobSource(file), deps.pause));
    // Named by content (checksum and counts): the check cache keeps its answers across worker
    // restarts, and the kept opening state is found again only for the same file.
    const identity = `in-place:${large.checksum.toString(16)}:${large.photos}:${large.windows}`;
    const {opened} = deps;
    const kept = await opened?.get(identity).catch(() => undefined);
    let search: StreamedSearch | null = null;
    if (kept) {
      try {
        search = StreamedSearch.resume(index, kept);
      } catch {
        search = null; // a state that does not fit: open again, and keep the new one
      }
    }
    if (!search) {
      search = await timedAsync('in place: opening pass', () => StreamedSearch.open(index));
      void opened?.put(identity, search.state()).catch(() => undefined);
    }
    // A resumed file that fails its checksum (damaged since) is opened in full at the next start,
    // which refuses it with the reason.
    const forget = () => void opened?.forget(identity).catch(() => undefined);
    return {streamed: new BatchedSearch(search, identity, index.photos, forget), size: file.size};
  }
  const bytes = file instanceof Blob ? await blobBytes(file) : file;
  return {set: await deps.verify(bytes, sha256), size: bytes.byteLength};
}
