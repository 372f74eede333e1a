/**
 * An index file searched in place (core/streamed-search.ts): opened and checked through
 * core/index-source.ts, its window codes and metadata read from the file as the search needs them.
 */
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {IndexFormatError} from '../core/index-file.js';
import {openIndexSource, type ByteSource} from '../core/index-source.js';
import {StreamedSearch, type StreamProgress} from '../core/streamed-search.js';
import {FatalError} from './args.js';

export interface OpenedIndex {
  search: StreamedSearch;
  photos: number;
  close(): void;
}

function fileSource(fd: number): ByteSource {
  const readInto = async (offset: number, target: Uint8Array) => {
    for (let at = 0; at < target.length; ) {
      const got = readSync(fd, target, at, target.length - at, offset + at);
      if (got === 0) throw new IndexFormatError(`index is truncated at byte ${offset + at}`);
      at += got;
    }
    return target;
  };
  return {size: fstatSync(fd).size, read: (offset, length) => readInto(offset, new Uint8Array(length)), readInto};
}

export async function openStreamedIndex(path: string, progress?: StreamProgress): Promise<OpenedIndex> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new FatalError(`cannot read index ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const index = await openIndexSource(fileSource(fd));
    return {search: await StreamedSearch.open(index, progress), photos: index.photos, close: () => closeSync(fd)};
  } catch (err) {
    closeSync(fd);
    throw err instanceof IndexFormatError ? new FatalError(`${path}: ${err.message}`) : err;
  }
}
