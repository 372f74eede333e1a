/**
 * A stored index file made ready to search: decoded into memory, or, when it is large and stored
 * as a Blob, opened in place (core/index-source.ts, core/streamed-search.ts) so that the worker
 * never holds its window codes.
 */
import type {PhotoSet} from '../core/photo-set.js';
import {readIndexHeader} from '../core/index-file.js';
import {openIndexSource, type ByteSource} from '../core/index-source.js';
import {StreamedSearch} from '../core/streamed-search.js';
import {SMALL_INDEX_WINDOWS} from '../core/window-lookup.js';
import {blobBytes} from '../shared/blob-bytes.js';
import {BatchedSearch} from './index-search.js';
import type {Loaded} from './index-store.js';

/** Random access to a Blob: only the slices asked for are read (from the browser's blob store). */
export function blobSource(blob: Blob): ByteSource {
  return {size: blob.size, read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer())};
}

/** Whether the file's header declares more windows than a small index (an unreadable header: no; decoding says why). */
async function isLarge(blob: Blob): Promise<boolean> {
  try {
    return readIndexHeader(await blobSource(blob).read(0, 32)).windows > SMALL_INDEX_WINDOWS;
  } catch {
    return false;
  }
}

export interface OpenDeps {
  verify(bytes: ArrayBuffer, sha256?: string): Promise<PhotoSet>;
  pause(): Promise<void>;
}

/**
 * A large index in a Blob is opened in place; its checksum (CRC-32 over every byte) is checked as
 * it opens, and a subscription's SHA-256 was checked when it was downloaded. Anything else decodes.
 */
export async function openIndexFile(file: ArrayBuffer | Blob, key: string, deps: OpenDeps, sha256?: string): Promise<Loaded> {
  if (file instanceof Blob && (await isLarge(file))) {
    const index = await openIndexSource(blobSource(file), deps.pause);
    return {streamed: new BatchedSearch(await StreamedSearch.open(index), key, index.photos), size: file.size};
  }
  const bytes = file instanceof Blob ? await blobBytes(file) : file;
  return {set: await deps.verify(bytes, sha256), size: bytes.byteLength};
}
