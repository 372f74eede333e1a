/**
 * The index file: one ArrayBuffer, read the same way in Node and in browsers. Layout and rules are
 * documented in README.md ("Index file format"); every check below maps to a sentence there.
 */
import {crc32} from './crc32.js';
import type {PhotoMeta, PhotoSet} from './photo-set.js';
import {FINGERPRINT_VERSION} from './fingerprint.js';
import {fineSlotCount, tileSlotCount, workSize} from './tile-layout.js';

export const INDEX_MAGIC = 'CLICHEIX';
export const INDEX_FORMAT_VERSION = 2;
export const HEADER_BYTES = 32;
/** Refuse absurd counts before allocating anything (a hostile header cannot ask for terabytes). */
const MAX_PHOTOS = 20_000_000;
const MAX_WINDOWS_PER_PHOTO = 4096;
/** A fine level holds at most 741 windows (a 1024x256 working image): anything past this is corrupt. */
const MAX_FINE_WINDOWS_PER_PHOTO = 4096;
const MAX_META_STRING = 2048;
/**
 * Metadata bytes allowed per photo, checked before the checksum and JSON parse: eight string fields
 * at MAX_META_STRING characters, even all written as 6-byte \u escapes, plus keys and numbers stay
 * under 100 KB; the default index uses 222 bytes per photo.
 */
const MAX_META_BYTES_PER_PHOTO = 128 * 1024;

export class IndexFormatError extends Error {
  override name = 'IndexFormatError';
}

/** Sections of 32-bit words start at a multiple of 4 bytes. */
export const align4 = (n: number) => (n + 3) & ~3;

/** The counts a file's layout follows from: its header's. */
export type LayoutCounts = Pick<IndexHeader, 'photos' | 'windows' | 'fineWindows' | 'metaBytes'>;

interface Layout {
  bitmapBytes: number;
  offsets: {first: number; width: number; height: number; count: number; workW: number; workH: number; bitmaps: number; hi: number; lo: number; fine: number; meta: number; end: number};
}

export function layout({photos, windows, fineWindows, metaBytes}: LayoutCounts, bitmapBytes: number): Layout {
  const first = HEADER_BYTES;
  const width = first + 4 * photos;
  const height = width + 4 * photos;
  const count = height + 4 * photos;
  const workW = count + 2 * photos;
  const workH = workW + 2 * photos;
  const bitmaps = workH + 2 * photos;
  const hi = align4(bitmaps + bitmapBytes);
  const lo = hi + 4 * windows;
  const fine = lo + 4 * windows;
  const meta = fine + 2 * fineWindows;
  return {bitmapBytes, offsets: {first, width, height, count, workW, workH, bitmaps, hi, lo, fine, meta, end: meta + metaBytes}};
}

/** Bytes of a photo's window bitmap: one bit per slot, then one bit per fine slot from the next byte on. */
const bitmapLength = (workW: number, workH: number) => coarseBitmapLength(workW, workH) + Math.ceil(fineSlotCount(workW, workH) / 8);
const coarseBitmapLength = (workW: number, workH: number) => Math.ceil(tileSlotCount(workW, workH) / 8);

export function encodeIndex(set: PhotoSet): Uint8Array {
  const n = set.meta.length;
  let bitmapBytes = 0;
  for (let p = 0; p < n; p++) bitmapBytes += bitmapLength(set.workW[p], set.workH[p]);
  const meta = encodeMeta(set.meta);
  const counts = {photos: n, windows: set.hi.length, fineWindows: set.fine.length, metaBytes: meta.length};
  const L = layout(counts, bitmapBytes);
  const bytes = new Uint8Array(L.offsets.end);
  const view = new DataView(bytes.buffer);
  const o = L.offsets;
  let bit = o.bitmaps;
  for (let p = 0; p < n; p++) {
    view.setUint32(o.first + 4 * p, set.firstWindow[p], true);
    view.setUint32(o.width + 4 * p, set.width[p], true);
    view.setUint32(o.height + 4 * p, set.height[p], true);
    view.setUint16(o.count + 2 * p, set.windowCount[p], true);
    view.setUint16(o.workW + 2 * p, set.workW[p], true);
    view.setUint16(o.workH + 2 * p, set.workH[p], true);
    for (let w = set.firstWindow[p]; w < set.firstWindow[p] + set.windowCount[p]; w++) {
      const s = set.slots[w];
      bytes[bit + (s >> 3)] |= 1 << (s & 7);
    }
    const fineBit = bit + coarseBitmapLength(set.workW[p], set.workH[p]);
    for (let f = set.fineFirst[p]; f < set.fineFirst[p] + set.fineCount[p]; f++) {
      const s = set.fineSlots[f];
      bytes[fineBit + (s >> 3)] |= 1 << (s & 7);
    }
    bit += bitmapLength(set.workW[p], set.workH[p]);
  }
  for (let w = 0; w < set.hi.length; w++) {
    view.setUint32(o.hi + 4 * w, set.hi[w], true);
    view.setUint32(o.lo + 4 * w, set.lo[w], true);
  }
  for (let f = 0; f < set.fine.length; f++) view.setUint16(o.fine + 2 * f, set.fine[f], true);
  bytes.set(meta, o.meta);
  writeIndexHeader(bytes, counts, crc32(bytes.subarray(HEADER_BYTES)));
  return bytes;
}

/** The header into bytes[0, HEADER_BYTES): magic, this build's versions, counts, the checksum of the rest. */
export function writeIndexHeader(bytes: Uint8Array, {photos, windows, fineWindows, metaBytes}: LayoutCounts, checksum: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  for (let i = 0; i < 8; i++) bytes[i] = INDEX_MAGIC.charCodeAt(i);
  view.setUint16(8, INDEX_FORMAT_VERSION, true);
  view.setUint16(10, FINGERPRINT_VERSION, true);
  view.setUint32(12, photos, true);
  view.setUint32(16, windows, true);
  view.setUint32(20, metaBytes, true);
  view.setUint32(24, checksum, true);
  view.setUint32(28, fineWindows, true);
}

/**
 * The metadata section: a JSON array whose first element lists the strings several photos share (a
 * library's name, a licence, a photographer), then one object per photo, where a shared string is
 * written as its number in that list and empty fields are left out. The default index's metadata
 * took 222 bytes per photo written out in full (format version 1), 161 so.
 */
export function encodeMeta(metas: PhotoMeta[]): Uint8Array {
  const uses = new Map<string, number>();
  for (const m of metas) for (const k of SHARED_FIELDS) if (m[k]) uses.set(m[k], (uses.get(m[k]) ?? 0) + 1);
  const shared = [...uses].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]).map(([v]) => v);
  const numberOf = new Map(shared.map((v, i) => [v, i]));
  const records = metas.map((m) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(m)) if (v !== undefined && v !== null && v !== '') out[k] = numberOf.get(v as string) ?? v;
    if (numberOf.has(m.id)) out.id = m.id; // ids are never shared: a repeated one is written out as it is
    return out;
  });
  return new TextEncoder().encode(JSON.stringify([shared, ...records]));
}

export interface IndexHeader {
  formatVersion: number;
  fingerprintVersion: number;
  photos: number;
  windows: number;
  metaBytes: number;
  checksum: number;
  /** Fine windows (format version 2 on): verified only, 16-bit codes. */
  fineWindows: number;
}

export function readIndexHeader(data: ArrayBuffer | Uint8Array): IndexHeader {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length < HEADER_BYTES) throw new IndexFormatError(`not a Cliché index: ${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header`);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== INDEX_MAGIC) throw new IndexFormatError('not a Cliché index (wrong magic bytes)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    formatVersion: view.getUint16(8, true),
    fingerprintVersion: view.getUint16(10, true),
    photos: view.getUint32(12, true),
    windows: view.getUint32(16, true),
    metaBytes: view.getUint32(20, true),
    checksum: view.getUint32(24, true),
    fineWindows: view.getUint32(28, true),
  };
}

/** Parses and fully validates an index; throws IndexFormatError with a reason a user can act on. */
export function decodeIndex(data: ArrayBuffer | Uint8Array): PhotoSet {
  return runSteps(decodeSteps(data));
}

/** Runs a sliced piece of work (a generator yielding between slices) to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/** decodeIndex with `await pause()` between slices of work: a 50 MB index is about a second of it. */
export async function decodeIndexAsync(data: ArrayBuffer | Uint8Array, pause: () => Promise<void>): Promise<PhotoSet> {
  return runStepsAsync(decodeSteps(data), pause);
}

/** runSteps with `await pause()` between slices. */
export async function runStepsAsync<T>(steps: Generator<void, T>, pause: () => Promise<void>): Promise<T> {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    await pause();
  }
}

/**
 * Windows read (4x as many bytes checksummed) between two yields of decodeSteps. 2^20 gave slices
 * of up to 470 ms in a loaded extension worker, 2^18 still up to 235 ms of wall time during a
 * 50 MB import. The extension pauses only once its time budget is used (step-timing.ts).
 */
const DECODE_SLICE = 1 << 16;
/** Photos read (sizes, window tables, metadata checks) between two yields. */
const PHOTO_SLICE = 1 << 10;

/** The header, if this Cliché can read the file it starts; else an IndexFormatError saying why. */
export function checkedHeader(bytes: Uint8Array): IndexHeader {
  const h = readIndexHeader(bytes);
  if (h.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new IndexFormatError(`index format version ${h.formatVersion} is not supported (this Cliché reads version ${INDEX_FORMAT_VERSION}); rebuild the index with this version`);
  }
  if (h.fingerprintVersion !== FINGERPRINT_VERSION) {
    throw new IndexFormatError(`index was built with fingerprint version ${h.fingerprintVersion}, this Cliché computes version ${FINGERPRINT_VERSION}; rebuild the index`);
  }
  if (h.photos > MAX_PHOTOS || h.windows > h.photos * MAX_WINDOWS_PER_PHOTO || h.fineWindows > h.photos * MAX_FINE_WINDOWS_PER_PHOTO) {
    throw new IndexFormatError(`index header declares implausible counts (${h.photos} photos, ${h.windows} windows, ${h.fineWindows} fine windows)`);
  }
  if (h.metaBytes > Math.max(1, h.photos) * MAX_META_BYTES_PER_PHOTO) {
    throw new IndexFormatError(`index header declares ${h.metaBytes} bytes of metadata for ${h.photos} photos, over ${MAX_META_BYTES_PER_PHOTO / 1024} KB per photo (corrupted index)`);
  }
  return h;
}

/** Photo p's stored sizes (at `view`'s table offsets), checked against each other; its bitmap's length. */
export function checkedPhotoSizes(view: DataView, at: {width: number; height: number; workW: number; workH: number}, p: number, out: {width: Uint32Array; height: Uint32Array; workW: Uint16Array; workH: Uint16Array}): number {
  const width = (out.width[p] = view.getUint32(at.width + 4 * p, true));
  const height = (out.height[p] = view.getUint32(at.height + 4 * p, true));
  const workW = (out.workW[p] = view.getUint16(at.workW + 2 * p, true));
  const workH = (out.workH[p] = view.getUint16(at.workH + 2 * p, true));
  const expect = width > 0 && height > 0 ? workSize(width, height) : null;
  if (!expect || expect.workW !== workW || expect.workH !== workH) {
    throw new IndexFormatError(`photo ${p}: stored sizes ${width}x${height} / ${workW}x${workH} are inconsistent (corrupted index)`);
  }
  return bitmapLength(workW, workH);
}

/** Where the photo table ends (the header and it come first): refuses a file too short to hold them. */
export function photoTableEnd(h: IndexHeader, fileSize: number): number {
  const end = layout(h, 0).offsets.bitmaps;
  if (end > fileSize) throw new IndexFormatError(`index is truncated: ${fileSize} bytes, the photo table alone needs ${end}`);
  return end;
}

export interface CheckedLayout {
  sizes: {width: Uint32Array; height: Uint32Array; workW: Uint16Array; workH: Uint16Array};
  /** Byte offset of each photo's bitmap within the bitmap section, photos + 1 entries. */
  bitmapAt: Uint32Array;
  offsets: Layout['offsets'];
}

/**
 * Every photo's sizes, checked, then the file's layout, checked against its size. `view` holds the
 * file from its start at least to photoTableEnd. Yields every PHOTO_SLICE photos.
 */
export function* checkedLayout(view: DataView, h: IndexHeader, fileSize: number): Generator<void, CheckedLayout> {
  const n = h.photos;
  const pre = layout(h, 0).offsets;
  const sizes = {width: new Uint32Array(n), height: new Uint32Array(n), workW: new Uint16Array(n), workH: new Uint16Array(n)};
  const bitmapAt = new Uint32Array(n + 1);
  for (let p = 0; p < n; p++) {
    bitmapAt[p + 1] = bitmapAt[p] + checkedPhotoSizes(view, pre, p, sizes);
    if ((p + 1) % PHOTO_SLICE === 0) yield;
  }
  const offsets = layout(h, bitmapAt[n]).offsets;
  if (fileSize < offsets.end) throw new IndexFormatError(`index is truncated: ${fileSize} bytes, its header needs ${offsets.end}`);
  if (fileSize > offsets.end) throw new IndexFormatError(`index has ${fileSize - offsets.end} unexpected trailing bytes (corrupted or not a Cliché index)`);
  return {sizes, bitmapAt, offsets};
}

function* decodeSteps(data: ArrayBuffer | Uint8Array): Generator<void, PhotoSet> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const h = checkedHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = h.photos;
  // Bitmap sizes depend on each photo's working size, which sits before the bitmaps: read sizes first.
  photoTableEnd(h, bytes.length);
  const {sizes: {width, height, workW, workH}, bitmapAt, offsets: L} = yield* checkedLayout(view, h, bytes.length);
  let crc = 0;
  for (let at = HEADER_BYTES; at < bytes.length; at += 4 * DECODE_SLICE) {
    crc = crc32(bytes.subarray(at, Math.min(bytes.length, at + 4 * DECODE_SLICE)), crc);
    yield;
  }
  if (crc !== h.checksum) throw new IndexFormatError('index checksum mismatch: the file is corrupted');
  const slots = new Uint16Array(h.windows);
  const {firstWindow, windowCount} = yield* checkedWindowTable(view, L, bytes.subarray(L.bitmaps), bitmapAt, {workW, workH}, h.windows, slots);
  const hi = new Uint32Array(h.windows);
  const lo = new Uint32Array(h.windows);
  for (let w = 0; w < h.windows; w += DECODE_SLICE) {
    const end = Math.min(h.windows, w + DECODE_SLICE);
    readWords(bytes, L.hi, hi, w, end);
    readWords(bytes, L.lo, lo, w, end);
    if (end % DECODE_SLICE === 0) yield;
  }
  yield;
  const fineSlots = new Uint16Array(h.fineWindows);
  const {fineFirst, fineCount} = yield* checkedFineTable(bytes.subarray(L.bitmaps), bitmapAt, {workW, workH}, h.fineWindows, fineSlots);
  const fine = new Uint16Array(h.fineWindows);
  readWords(bytes, L.fine, fine, 0, h.fineWindows);
  yield;
  const meta = yield* parseMeta(bytes.subarray(L.meta, L.end), n);
  return {firstWindow, windowCount, workW, workH, width, height, slots, hi, lo, fineFirst, fineCount, fineSlots, fine, meta};
}

/** Byte offset (within the bitmap section) of photo p's fine bitmap: after its window bitmap. */
export function fineBitmapAt(bitmapAt: Uint32Array, sizes: {workW: Uint16Array; workH: Uint16Array}, p: number): number {
  return bitmapAt[p] + coarseBitmapLength(sizes.workW[p], sizes.workH[p]);
}

/**
 * Each photo's fine windows, from its fine bitmap: where they start among all fine windows and how
 * many; their slot numbers go to `fineSlots` when given. The total must be the header's. Yields
 * every PHOTO_SLICE photos.
 */
export function* checkedFineTable(bitmaps: Uint8Array, bitmapAt: Uint32Array, sizes: {workW: Uint16Array; workH: Uint16Array}, fineWindows: number, fineSlots?: Uint16Array): Generator<void, {fineFirst: Uint32Array; fineCount: Uint16Array}> {
  const n = sizes.workW.length;
  const fineFirst = new Uint32Array(n);
  const fineCount = new Uint16Array(n);
  let seen = 0;
  for (let p = 0; p < n; p++) {
    fineFirst[p] = seen;
    const from = fineBitmapAt(bitmapAt, sizes, p);
    const slotCount = fineSlotCount(sizes.workW[p], sizes.workH[p]);
    let count = 0;
    for (let s = 0; s < slotCount; s++) {
      if (!(bitmaps[from + (s >> 3)] & (1 << (s & 7)))) continue;
      if (seen + count >= fineWindows) throw new IndexFormatError(`photo ${p}: fine window bitmaps hold more than the header's ${fineWindows} fine windows (corrupted index)`);
      if (fineSlots) fineSlots[seen + count] = s;
      count++;
    }
    fineCount[p] = count;
    seen += count;
    if ((p + 1) % PHOTO_SLICE === 0) yield;
  }
  if (seen !== fineWindows) throw new IndexFormatError(`fine window bitmaps hold ${seen} fine windows, header says ${fineWindows} (corrupted index)`);
  return {fineFirst, fineCount};
}

/**
 * The photo table's window ranges, checked: each photo's windows follow the previous one's, and its
 * bitmap (bitmaps[bitmapAt[p]...]) has exactly as many bits set as it has windows, whose slot
 * numbers go to `slots` (all windows, in order) when given. Yields every PHOTO_SLICE photos.
 */
export function* checkedWindowTable(view: DataView, at: {first: number; count: number}, bitmaps: Uint8Array, bitmapAt: Uint32Array, sizes: {workW: Uint16Array; workH: Uint16Array}, windows: number, slots?: Uint16Array): Generator<void, {firstWindow: Uint32Array; windowCount: Uint16Array}> {
  const n = sizes.workW.length;
  const firstWindow = new Uint32Array(n);
  const windowCount = new Uint16Array(n);
  // Readers that keep no slots check each photo's into the same scratch (a photo has ~175 windows).
  const scratch = slots ?? new Uint16Array(4096);
  let seen = 0;
  for (let p = 0; p < n; p++) {
    firstWindow[p] = view.getUint32(at.first + 4 * p, true);
    windowCount[p] = view.getUint16(at.count + 2 * p, true);
    if (firstWindow[p] !== seen) throw new IndexFormatError(`photo ${p}: window table is not contiguous (corrupted index)`);
    const to = slots ? seen : 0;
    if (to + windowCount[p] > scratch.length || !readSlotBitmap(bitmaps, bitmapAt[p], tileSlotCount(sizes.workW[p], sizes.workH[p]), windowCount[p], scratch, to)) {
      throw new IndexFormatError(`photo ${p}: window bitmap disagrees with its window count (corrupted index)`);
    }
    seen += windowCount[p];
    if ((p + 1) % PHOTO_SLICE === 0) yield;
  }
  if (seen !== windows) throw new IndexFormatError(`photo table covers ${seen} windows, header says ${windows} (corrupted index)`);
  return {firstWindow, windowCount};
}

/**
 * Writes the numbers of the set bits among the `slotCount` bits from byte `byte` on to slots[at...];
 * false unless exactly `count` are set. A function of its own, so that its loop, the hot one of a
 * photo, is compiled alone: inside decodeSteps it made the compiler optimise the whole generator,
 * on a background thread still busy during the matcher build that follows. Default index, cold, in
 * fresh Node processes (`.bench/startup-ab.mts`, 25 interleaved): build medians 72 -> 36 ms wall
 * (its main thread's CPU 24.5 -> 23.3 ms: the difference was waiting for a core), decode 41 -> 33.
 */
export function readSlotBitmap(bytes: Uint8Array, byte: number, slotCount: number, count: number, slots: Uint16Array, at: number): boolean {
  let seen = 0;
  for (let s = 0; s < slotCount; s++) {
    if (!(bytes[byte + (s >> 3)] & (1 << (s & 7)))) continue;
    if (seen === count) return false;
    slots[at + seen++] = s;
  }
  return seen === count;
}

/** Whether this host stores a Uint32Array's words least significant byte first, as the index file does. */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Elements [from, to) of the little-endian uint32 (or, for a Uint16Array, uint16) section starting
 * at byte `section` into `out`. On a little-endian host (every browser and Node platform Cliché runs
 * on) the file's bytes already are the elements' bytes, so one byte copy does it, at any alignment
 * of the section. Against reading them through the DataView, default index, cold (as for
 * readSlotBitmap, 3 runs of 15-30): decode medians 37-38 -> 30-33 ms wall, 20 -> 17-18 ms
 * main-thread CPU; decode + build 2-5 ms less.
 */
export function readWords(bytes: Uint8Array, section: number, out: Uint32Array | Uint16Array, from: number, to: number, littleEndian = HOST_LITTLE_ENDIAN): void {
  const size = out.BYTES_PER_ELEMENT;
  if (littleEndian) {
    new Uint8Array(out.buffer, out.byteOffset + size * from, size * (to - from)).set(bytes.subarray(section + size * from, section + size * to));
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let w = from; w < to; w++) out[w] = size === 4 ? view.getUint32(section + 4 * w, true) : view.getUint16(section + 2 * w, true);
}

const STRING_FIELDS = ['id', 'library', 'title', 'photographer', 'photographerUrl', 'pageUrl', 'licence', 'source'] as const;
/** The string fields a photo's record may give as a number in the section's shared strings. */
const SHARED_FIELDS = STRING_FIELDS.filter((k) => k !== 'id');
const NUMBER_FIELDS = ['downloads', 'views', 'likes'] as const;

/** The metadata section, every photo's record checked as decodeIndex checks it (for readers that do not decode the rest). */
export function decodeMeta(bytes: Uint8Array, n: number): PhotoMeta[] {
  return runSteps(parseMeta(bytes, n));
}

function* parseMeta(bytes: Uint8Array, n: number): Generator<void, PhotoMeta[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(bytes));
  } catch {
    throw new IndexFormatError('index metadata is not valid UTF-8 JSON (corrupted index)');
  }
  if (!Array.isArray(raw) || raw.length !== n + 1) throw new IndexFormatError(`index metadata must list its shared strings and ${n} photos`);
  const shared = checkedSharedStrings(raw[0]);
  yield;
  const out: PhotoMeta[] = [];
  for (let i = 0; i < n; i++) {
    out.push(checkedMeta(raw[i + 1], i, shared));
    if ((i + 1) % PHOTO_SLICE === 0) yield;
  }
  return out;
}

/** The metadata section's first element: the strings photos share, checked. */
export function checkedSharedStrings(v: unknown): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.length > MAX_META_STRING)) {
    throw new IndexFormatError(`index metadata must start with its shared strings, each of at most ${MAX_META_STRING} characters`);
  }
  return v as string[];
}

/** One photo's metadata with only the known fields, each checked; numbers in string fields resolved in `shared`. */
export function checkedMeta(m: unknown, i: number, shared: string[]): PhotoMeta {
  if (typeof m !== 'object' || m === null) throw new IndexFormatError(`photo ${i}: metadata is not an object`);
  const rec = m as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of STRING_FIELDS) {
    let v = rec[k];
    if (v === undefined) continue;
    if (k !== 'id' && typeof v === 'number') {
      if (!Number.isInteger(v) || v < 0 || v >= shared.length) throw new IndexFormatError(`photo ${i}: metadata field ${k} names shared string ${v}, of ${shared.length}`);
      v = shared[v];
    }
    if (typeof v !== 'string' || v.length > MAX_META_STRING) throw new IndexFormatError(`photo ${i}: metadata field ${k} must be a string of at most ${MAX_META_STRING} characters`);
    out[k] = v;
  }
  for (const k of NUMBER_FIELDS) {
    const v = rec[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new IndexFormatError(`photo ${i}: metadata field ${k} must be a non-negative number`);
    out[k] = v;
  }
  if (typeof out.id !== 'string' || out.id === '') throw new IndexFormatError(`photo ${i}: metadata has no id`);
  return out as unknown as PhotoMeta;
}
