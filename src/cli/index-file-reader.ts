/**
 * Reads an index file's tables without loading its window codes, for `index merge`: the codes
 * (most of a big index's bytes) are later copied file to file. Checks what decodeIndex checks that
 * a merge relies on: header, versions, sizes, tables, bitmaps, metadata ids; the checksum is checked
 * by checkCrc or, while the codes are copied, by checkCrcAfterCopy. The layout
 * mirrors src/core/index-file.ts; tests/cli/merge-index-files.test.ts compares the two.
 */
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {crc32} from 'node:zlib';
import {FINGERPRINT_VERSION} from '../core/fingerprint.js';
import {INDEX_FORMAT_VERSION, readIndexHeader, type IndexHeader} from '../core/index-file.js';
import type {PhotoMeta} from '../core/photo-set.js';
import {tileSlots, workSize} from '../core/tile-layout.js';
import {FatalError} from './args.js';

export const HEADER_BYTES = 32;
const CHUNK = 16 << 20;
export const align4 = (n: number) => (n + 3) & ~3;
export const bitmapLength = (workW: number, workH: number) => Math.ceil(tileSlots(workW, workH).length / 8);

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
  /** File offsets of the window code halves. */
  hiAt: number;
  loAt: number;
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
    if ((err as Error).name === 'IndexFormatError') throw bad(path, (err as Error).message);
    throw err;
  }
}

function readTables(path: string, fd: number): IndexTables {
  const size = fstatSync(fd).size;
  const header = readIndexHeader(readAt(fd, 0, Math.min(HEADER_BYTES, size)));
  if (header.formatVersion !== INDEX_FORMAT_VERSION) throw bad(path, `index format version ${header.formatVersion} is not supported (this Cliché reads version ${INDEX_FORMAT_VERSION})`);
  if (header.fingerprintVersion !== FINGERPRINT_VERSION) throw bad(path, `built with fingerprint version ${header.fingerprintVersion}, this Cliché computes version ${FINGERPRINT_VERSION}; rebuild it`);
  const n = header.photos;
  const tableEnd = HEADER_BYTES + 18 * n;
  if (tableEnd > size) throw bad(path, `index is truncated: ${size} bytes, the photo table alone needs ${tableEnd}`);
  const table = readAt(fd, HEADER_BYTES, 18 * n);
  const u32 = (i: number) => new Uint32Array(table.buffer, 4 * n * i, n);
  const u16 = (i: number) => new Uint16Array(table.buffer, 12 * n + 2 * n * i, n);
  const t = {first: u32(0), width: u32(1), height: u32(2), count: u16(0), workW: u16(1), workH: u16(2)};
  const bitmapAt = bitmapOffsets(path, t);
  const bitmapEnd = tableEnd + bitmapAt[n];
  const hiAt = align4(bitmapEnd);
  const loAt = hiAt + 4 * header.windows;
  const end = loAt + 4 * header.windows + header.metaBytes;
  if (size !== end) throw bad(path, `index size ${size} does not match its header (${end}): truncated or corrupted`);
  const bitmaps = readAt(fd, tableEnd, bitmapAt[n]);
  checkWindows(path, t, bitmaps, bitmapAt, header.windows);
  const metaBytes = readAt(fd, loAt + 4 * header.windows, header.metaBytes);
  const meta = readMeta(path, metaBytes, n);
  const crcToCodes = crc32(readAt(fd, bitmapEnd, hiAt - bitmapEnd), crc32(bitmaps, crc32(table)));
  return {path, fd, header, ...t, bitmaps, bitmapAt, hiAt, loAt, meta, metaBytes, crcToCodes};
}

/**
 * Checks the checksum of a file whose window codes are read in full anyway, without a pass of its
 * own: `crcOfCodes` is the running CRC the caller computed over hi then lo as it copied them.
 */
export function checkCrcAfterCopy(t: IndexTables, crcOfCodes: number): void {
  if (crc32(t.metaBytes, crcOfCodes) !== t.header.checksum) throw bad(t.path, 'index checksum mismatch: the file is corrupted');
}

/** Checks the checksum by reading the whole file: for inputs the merge copies only in part. */
export function checkCrc(t: IndexTables): void {
  const size = t.loAt + 4 * t.header.windows + t.header.metaBytes;
  if (fileCrc(t.fd, HEADER_BYTES, size) !== t.header.checksum) throw bad(t.path, 'index checksum mismatch: the file is corrupted');
}

/** Little-endian file, little-endian typed arrays: the tables are used in place. */
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

function bitmapOffsets(path: string, t: {width: Uint32Array; height: Uint32Array; workW: Uint16Array; workH: Uint16Array}): Uint32Array {
  const n = t.width.length;
  const at = new Uint32Array(n + 1);
  for (let p = 0; p < n; p++) {
    const expect = t.width[p] > 0 && t.height[p] > 0 ? workSize(t.width[p], t.height[p]) : null;
    if (!expect || expect.workW !== t.workW[p] || expect.workH !== t.workH[p]) throw bad(path, `photo ${p}: stored sizes are inconsistent (corrupted index)`);
    at[p + 1] = at[p] + bitmapLength(t.workW[p], t.workH[p]);
  }
  return at;
}

/** Contiguous window ranges, and each bitmap holds as many set bits as its photo has windows. */
function checkWindows(path: string, t: {first: Uint32Array; count: Uint16Array}, bitmaps: Uint8Array, bitmapAt: Uint32Array, windows: number): void {
  let at = 0;
  for (let p = 0; p < t.first.length; p++) {
    if (t.first[p] !== at) throw bad(path, `photo ${p}: window table is not contiguous (corrupted index)`);
    let bits = 0;
    for (let i = bitmapAt[p]; i < bitmapAt[p + 1]; i++) for (let b = bitmaps[i]; b; b &= b - 1) bits++;
    if (bits !== t.count[p]) throw bad(path, `photo ${p}: window bitmap disagrees with its window count (corrupted index)`);
    at += t.count[p];
  }
  if (at !== windows) throw bad(path, `photo table covers ${at} windows, header says ${windows} (corrupted index)`);
}

function readMeta(path: string, bytes: Uint8Array, n: number): PhotoMeta[] {
  let meta: unknown;
  try {
    meta = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes));
  } catch {
    throw bad(path, 'index metadata is not valid UTF-8 JSON (corrupted index)');
  }
  if (!Array.isArray(meta) || meta.length !== n) throw bad(path, `index metadata must list ${n} photos`);
  meta.forEach((m, i) => {
    if (typeof m?.id !== 'string' || m.id === '') throw bad(path, `photo ${i}: metadata has no id`);
  });
  return meta as PhotoMeta[];
}
