/**
 * An index file searched in place (core/streamed-search.ts): its tables, bitmaps and metadata are
 * read and checked as for a merge, its checksum over the whole file, and its window codes are read
 * slice by slice as the search streams them; they are never all in memory.
 */
import {closeSync} from 'node:fs';
import {checkedMeta, IndexFormatError, readWords} from '../core/index-file.js';
import {StreamedSearch, type StreamedIndex, type StreamProgress} from '../core/streamed-search.js';
import {FatalError} from './args.js';
import {checkCrc, readAt, readIndexTables} from './index-file-reader.js';

export interface OpenedIndex {
  search: StreamedSearch;
  photos: number;
  close(): void;
}

export async function openStreamedIndex(path: string, progress?: StreamProgress): Promise<OpenedIndex> {
  const t = readIndexTables(path);
  try {
    checkCrc(t);
    const meta = t.meta.map((m, i) => {
      try {
        return checkedMeta(m, i);
      } catch (err) {
        throw err instanceof IndexFormatError ? new FatalError(`${path}: ${err.message}`) : err;
      }
    });
    const words = (section: number, from: number, to: number) => {
      const out = new Uint32Array(to - from);
      readWords(readAt(t.fd, section + 4 * from, 4 * (to - from)), 0, out, 0, to - from);
      return out;
    };
    const index: StreamedIndex = {
      windows: t.header.windows,
      firstWindow: t.first,
      windowCount: t.count,
      workW: t.workW,
      workH: t.workH,
      width: t.width,
      height: t.height,
      bitmaps: t.bitmaps,
      bitmapAt: t.bitmapAt,
      meta: (p) => meta[p],
      readCodes: async (from, to) => ({hi: words(t.hiAt, from, to), lo: words(t.loAt, from, to)}),
    };
    return {search: await StreamedSearch.open(index, progress), photos: t.header.photos, close: () => closeSync(t.fd)};
  } catch (err) {
    closeSync(t.fd);
    throw err;
  }
}
