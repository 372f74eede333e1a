/**
 * An index file opened for the streamed search (streamed-search.ts) without loading it: a file in
 * Node, a Blob in a browser, read through `read`. What stays in memory is the photo table and the
 * window bitmaps (about 45 bytes per photo) and where each photo's metadata starts; the window
 * codes and the metadata are read when needed. Every check of decodeIndex is made on the way
 * (header, sizes, layout, window tables, each photo's metadata) but the checksum over the window
 * codes, which the reader of every code (the search's opening pass) completes with checkCodes: so
 * a file that would not load is not searched either.
 */
import {fineHistogram, type FineHistogram} from './chance-rates.js';
import {crc32, crc32Combine} from './crc32.js';
import {
  checkedFineTable, checkedHeader, checkedLayout, checkedMeta, checkedSharedStrings, checkedWindowTable, HEADER_BYTES, IndexFormatError, HOST_LITTLE_ENDIAN, photoTableEnd, readWords, runStepsAsync,
} from './index-file.js';
import type {StreamedIndex} from './streamed-search.js';

/** Random access to an index file's bytes. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * Reads target.length bytes at `offset` into target's memory, if the source can (a file in Node):
   * the window codes are then read into two buffers reused from slice to slice instead of a new one
   * per slice. Returns the filled bytes (a view of the same memory).
   */
  readInto?(offset: number, target: Uint8Array): Promise<Uint8Array>;
}

export async function openIndexSource(src: ByteSource, pause: () => Promise<void> = async () => undefined): Promise<StreamedIndex & {photos: number}> {
  const h = checkedHeader(await src.read(0, Math.min(HEADER_BYTES, src.size)));
  const n = h.photos;
  const table = await src.read(0, photoTableEnd(h, src.size));
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const {sizes, bitmapAt, offsets: L} = await runStepsAsync(checkedLayout(view, h, src.size), pause);
  const bitmaps = await src.read(L.bitmaps, bitmapAt[n]);
  const {firstWindow, windowCount} = await runStepsAsync(checkedWindowTable(view, L, bitmaps, bitmapAt, sizes, h.windows), pause);
  const {fineFirst, fineCount} = await runStepsAsync(checkedFineTable(bitmaps, bitmapAt, sizes, h.fineWindows), pause);
  const readFineBytes = (from: number, to: number) => src.read(L.fine + 2 * from, 2 * (to - from));
  const readFine = async (from: number, to: number) => halfWords(await readFineBytes(from, to));
  const {crc: crcFine, histogram: fineCodes} = await fineOpening(h.fineWindows, readFineBytes, pause);
  const metaBytes = await src.read(L.meta, h.metaBytes);
  const metaAt = await metaOffsets(metaBytes, n, pause);
  // The checksum covers the file in order; the window codes' two halves are read side by side by
  // the search's opening pass, which hands their CRCs to checkCodes (crc32Combine joins the parts).
  const crcBeforeCodes = crc32(await src.read(L.bitmaps + bitmapAt[n], L.hi - L.bitmaps - bitmapAt[n]), crc32(bitmaps, crc32(table.subarray(HEADER_BYTES))));
  const crcMeta = crc32(metaBytes);
  const codeBytes = 4 * h.windows;
  // Reused per code section where the source reads into memory it is given: a pass then makes no
  // garbage slice by slice. The CLI at 10^5 photos (streamed-child.ts, 200 queries): peak RSS 710 MB
  // with 676 before opening, against 788 with 665 with a new buffer per slice.
  const sectionBuffers = new Map<number, Uint8Array>();
  const readSection = async (section: number, offset: number, length: number): Promise<Uint8Array> => {
    if (!src.readInto) return src.read(offset, length);
    let buffer = sectionBuffers.get(section);
    if (!buffer || buffer.byteLength < length) buffer = new Uint8Array(length);
    const bytes = await src.readInto(offset, buffer.subarray(0, length));
    sectionBuffers.set(section, new Uint8Array(bytes.buffer));
    return bytes;
  };
  const words = async (section: number, from: number, to: number) => {
    const bytes = await readSection(section, section + 4 * from, 4 * (to - from));
    // The file's words are little-endian, as the host's: an aligned read is used as it is.
    if (HOST_LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return {words: new Uint32Array(bytes.buffer, bytes.byteOffset, to - from), bytes};
    const out = new Uint32Array(to - from);
    readWords(bytes, 0, out, 0, to - from);
    return {words: out, bytes};
  };
  return {
    photos: n,
    windows: h.windows,
    fineWindows: h.fineWindows,
    firstWindow,
    windowCount,
    fineFirst,
    fineCount,
    fineCodes,
    readFine,
    ...sizes,
    bitmaps,
    bitmapAt,
    meta: async (p) => checkedMeta(parseJson(await src.read(L.meta + metaAt.start[p], metaAt.end[p] - metaAt.start[p])), p, metaAt.shared),
    async readCodes(from, to) {
      const hi = await words(L.hi, from, to);
      const lo = await words(L.lo, from, to);
      return {hi: hi.words, lo: lo.words, bytes: {hi: hi.bytes, lo: lo.bytes}};
    },
    checkCodes(crcHi, crcLo) {
      const codes = crc32Combine(crc32Combine(crcBeforeCodes, crcHi, codeBytes), crcLo, codeBytes);
      const crc = crc32Combine(crc32Combine(codes, crcFine, 2 * h.fineWindows), crcMeta, h.metaBytes);
      if (crc !== h.checksum) throw new IndexFormatError('index checksum mismatch: the file is corrupted');
    },
  };
}

/** The little-endian uint16s in `bytes`. */
function halfWords(bytes: Uint8Array): Uint16Array {
  const out = new Uint16Array(bytes.length >> 1);
  readWords(bytes, 0, out, 0, out.length);
  return out;
}

/** Fine codes read at a time while opening: 1 MB. */
const FINE_SLICE = 1 << 19;

/**
 * One pass over the fine windows' codes (2 bytes each, a seventh of the file): their CRC, which the
 * checksum needs, and how many hold each code (the fine chance rates', chance-rates.ts). Made at
 * every opening, resumed or not: the opening state kept by the extension holds neither.
 */
async function fineOpening(total: number, readBytes: (from: number, to: number) => Promise<Uint8Array>, pause: () => Promise<void>): Promise<{crc: number; histogram: FineHistogram}> {
  const histogram = new Uint32Array(1 << 16);
  let crc = 0;
  for (let from = 0; from < total; from += FINE_SLICE) {
    const bytes = await readBytes(from, Math.min(total, from + FINE_SLICE));
    crc = crc32(bytes, crc);
    fineHistogram(halfWords(bytes), histogram);
    await pause();
  }
  return {crc, histogram};
}

/**
 * Photos checked between two pauses (as decodeIndex's slices): a worker answering checks meanwhile
 * must not wait for a whole 10^5-photo table.
 */
const PHOTO_SLICE = 1 << 10;

const decoder = new TextDecoder('utf-8', {fatal: true});

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new IndexFormatError('index metadata is not valid UTF-8 JSON (corrupted index)');
  }
}

const [OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT, COMMA, QUOTE, BACKSLASH] = ['[', ']', '{', '}', ',', '"', '\\'].map((c) => c.charCodeAt(0));
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Where each photo's element of the metadata array starts and ends (within the section), each
 * element checked as decodeIndex checks it; the parsed objects are not kept (at 10^5 photos they
 * would hold tens of MB of a worker's memory for the few a search reports), but the shared strings
 * (the array's first element, encodeMeta) are.
 */
async function metaOffsets(bytes: Uint8Array, n: number, pause: () => Promise<void>): Promise<{start: Uint32Array; end: Uint32Array; shared: string[]}> {
  const bad = () => new IndexFormatError('index metadata is not valid UTF-8 JSON (corrupted index)');
  const starts: number[] = [];
  let i = 0;
  while (i < bytes.length && isSpace(bytes[i])) i++;
  if (bytes[i] !== OPEN_ARRAY) throw bad();
  let depth = 1;
  let inString = false;
  let elementStart = i + 1;
  const ends: number[] = [];
  for (i++; i < bytes.length && depth > 0; i++) {
    if ((i & 0xfffff) === 0) await pause(); // a pause per MB scanned
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_ARRAY || b === OPEN_OBJECT) depth++;
    else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      depth--;
      if (depth === 0) {
        if (starts.length > 0 || bytes.subarray(elementStart, i).some((c) => !isSpace(c))) {
          starts.push(elementStart);
          ends.push(i);
        }
      }
    } else if (b === COMMA && depth === 1) {
      starts.push(elementStart);
      ends.push(i);
      elementStart = i + 1;
    }
  }
  if (depth !== 0 || bytes.subarray(i).some((c) => !isSpace(c))) throw bad();
  if (starts.length !== n + 1) throw new IndexFormatError(`index metadata must list its shared strings and ${n} photos`);
  const shared = checkedSharedStrings(parseJson(bytes.subarray(starts[0], ends[0])));
  for (let p = 0; p < n; p++) {
    // Each element is parsed once here, to refuse a bad file at once rather than at its first match.
    checkedMeta(parseJson(bytes.subarray(starts[p + 1], ends[p + 1])), p, shared);
    if ((p + 1) % PHOTO_SLICE === 0) await pause();
  }
  return {start: Uint32Array.from(starts.slice(1)), end: Uint32Array.from(ends.slice(1)), shared};
}
