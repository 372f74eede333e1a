/**
 * Reads an index file's tables without loading its window codes, for `index merge`: the codes
 * (most of a big index's bytes) are later copied file to file. Every check decodeIndex makes but
 * the checksum goes through the same core functions (header, sizes, layout, window tables, each
 * photo's metadata), so a merge refuses what loading would; the checksum is checked by checkCrc
 * or, while the codes are copied, by checkCrcAfterCopy.
 */
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {crc32} from 'node:zlib';
import {
  checkedFineTable, checkedHeader, checkedLayout, checkedWindowTable, decodeMeta, HEADER_BYTES, IndexFormatError, photoTableEnd, runSteps, type IndexHeader,
} from '../core/index-file.js';
import type {PhotoMeta} from '../core/photo-set.js';
import {FatalError} from './args.js';

const CHUNK = 16 << 20;

export interface IndexTables {
  path: string;
  fd: number;
  header: IndexHeader;
  first: Uint32Array;
  width: Uint32Array;
  height: Uint32Array;
  count: Uint16Array;
  workW: Uint16Array;
  workH: Uint16Array;
  bitmaps: Uint8Array;
  /** Byte offset of each photo's bitmap within `bitmaps`, n + 1 entries. */
  bitmapAt: Uint32Array;
  /** Each photo's first fine window and how many it has (from its fine bitmap). */
  fineFirst: Uint32Array;
  fineCount: Uint16Array;
  /** File offsets of the window code halves and of the fine windows' codes. */
  hiAt: number;
  loAt: number;
  fineAt: number;
  meta: PhotoMeta[];
  metaBytes: Uint8Array;
  /** CRC-32 of the file from the header's end to the window codes (tables, bitmaps, padding). */
  crcToCodes: number;
}

const bad = (path: string, why: string) => new FatalError(`${path}: ${why}`);

export function readIndexTables(path: string): IndexTables {
  const fd = openSync(path, 'r');
  try {
    return readTables(path, fd);
  } catch (err) {
    closeSync(fd);
    if (err instanceof IndexFormatError) throw bad(path, err.message);
    throw err;
  }
}

function readTables(path: string, fd: number): IndexTables {
  const size = fstatSync(fd).size;
  const header = checkedHeader(readAt(fd, 0, Math.min(HEADER_BYTES, size)));
  const n = header.photos;
  const table = readAt(fd, 0, photoTableEnd(header, size));
  const view = new DataView(table.buffer);
  const {sizes, bitmapAt, offsets: L} = runSteps(checkedLayout(view, header, size));
  const bitmaps = readAt(fd, L.bitmaps, bitmapAt[n]);
  const {firstWindow: first, windowCount: count} = runSteps(checkedWindowTable(view, L, bitmaps, bitmapAt, sizes, header.windows));
  const {fineFirst, fineCount} = runSteps(checkedFineTable(bitmaps, bitmapAt, sizes, header.fineWindows));
  const metaBytes = readAt(fd, L.meta, header.metaBytes);
  const meta = decodeMeta(metaBytes, n);
  const bitmapEnd = L.bitmaps + bitmapAt[n];
  const crcToCodes = crc32(readAt(fd, bitmapEnd, L.hi - bitmapEnd), crc32(bitmaps, crc32(table.subarray(HEADER_BYTES))));
  return {path, fd, header, first, count, ...sizes, bitmaps, bitmapAt, fineFirst, fineCount, hiAt: L.hi, loAt: L.lo, fineAt: L.fine, meta, metaBytes, crcToCodes};
}

/**
 * Checks the checksum of a file whose window codes are read in full anyway, without a pass of its
 * own: `crcOfCodes` is the running CRC the caller computed over hi, lo and the fine codes as it copied them.
 */
export function checkCrcAfterCopy(t: IndexTables, crcOfCodes: number): void {
  if (crc32(t.metaBytes, crcOfCodes) !== t.header.checksum) throw bad(t.path, 'index checksum mismatch: the file is corrupted');
}

/** Checks the checksum by reading the whole file: for inputs the merge copies only in part. */
export function checkCrc(t: IndexTables): void {
  const size = t.fineAt + 2 * t.header.fineWindows + t.header.metaBytes;
  if (fileCrc(t.fd, HEADER_BYTES, size) !== t.header.checksum) throw bad(t.path, 'index checksum mismatch: the file is corrupted');
}

/** Bytes [position, position + length) of the file. */
function readAt(fd: number, position: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let at = 0; at < length; ) {
    const got = readSync(fd, out, at, Math.min(CHUNK, length - at), position + at);
    if (got === 0) throw new FatalError(`unexpected end of file at byte ${position + at}`);
    at += got;
  }
  return out;
}

/** CRC-32 of a byte range, read in chunks (zlib's, native: the JS one is the merge's slowest step). */
export function fileCrc(fd: number, from: number, to: number): number {
  const buf = new Uint8Array(Math.min(CHUNK, Math.max(0, to - from)));
  let crc = 0;
  for (let at = from; at < to; ) {
    const got = readSync(fd, buf, 0, Math.min(buf.length, to - at), at);
    if (got === 0) break;
    crc = crc32(buf.subarray(0, got), crc);
    at += got;
  }
  return crc;
}
