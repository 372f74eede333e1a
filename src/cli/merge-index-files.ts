/**
 * `index merge` without decoding: each section of the output is the inputs' sections one after the
 * other, so window codes go file to file in large chunks and no per-photo or per-window object is
 * made. Later copies of an id already taken are left out, so merged overlapping shards hold each
 * photo once.
 */
import {closeSync, openSync, readSync, renameSync, rmSync, writeSync} from 'node:fs';
import {crc32} from 'node:zlib';
import {align4, encodeMeta, HEADER_BYTES, writeIndexHeader} from '../core/index-file.js';
import {checkCrc, checkCrcAfterCopy, readIndexTables, type IndexTables} from './index-file-reader.js';

const CHUNK = 16 << 20;

/** Photos [from, to) of one input, kept whole. */
interface Run {
  input: IndexTables;
  from: number;
  to: number;
}

export interface MergeResult {
  photos: number;
  windows: number;
  bytes: number;
  duplicates: number;
}

export function mergeIndexFiles(paths: string[], out: string): MergeResult {
  const inputs = paths.map(readIndexTables);
  try {
    const {runs, duplicates} = keptRuns(inputs);
    // An input copied whole has its checksum checked as its codes stream by; one copied in part is
    // read once more in full. A bad checksum throws before the output is renamed into place.
    const whole = new Set(runs.filter((r) => r.from === 0 && r.to === r.input.meta.length).map((r) => r.input));
    for (const input of inputs) if (!whole.has(input)) checkCrc(input);
    const written = writeMerged(runs, out, whole);
    return {...written, duplicates};
  } finally {
    for (const i of inputs) closeSync(i.fd);
  }
}

/** Runs of consecutive photos whose id no earlier photo had: one run per input when no id repeats. */
function keptRuns(inputs: IndexTables[]): {runs: Run[]; duplicates: number} {
  const ids = new Set<string>();
  const runs: Run[] = [];
  let duplicates = 0;
  for (const input of inputs) {
    let from = -1;
    input.meta.forEach((m, p) => {
      const fresh = !ids.has(m.id);
      if (fresh) ids.add(m.id);
      else duplicates++;
      if (fresh && from < 0) from = p;
      if (!fresh && from >= 0) runs.push({input, from, to: p}), (from = -1);
    });
    if (from >= 0) runs.push({input, from, to: input.meta.length});
  }
  return {runs, duplicates};
}

/** Writes sections in file order through a running CRC, then the header, then renames into place. */
function writeMerged(runs: Run[], out: string, whole: Set<IndexTables>): {photos: number; windows: number; bytes: number} {
  const tmp = `${out}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  const w = {at: HEADER_BYTES, crc: 0};
  const put = (bytes: Uint8Array) => {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, w.at + done);
    w.at += bytes.length;
    w.crc = crc32(bytes, w.crc);
  };
  try {
    const photos = runs.reduce((n, r) => n + r.to - r.from, 0);
    const windows = runs.reduce((n, r) => n + windowsOf(r), 0);
    const fineWindows = runs.reduce((n, r) => n + fineWindowsOf(r), 0);
    const meta = encodeMeta(runs.flatMap((r) => r.input.meta.slice(r.from, r.to)));
    putFirstWindows(runs, put);
    for (const key of ['width', 'height', 'count', 'workW', 'workH'] as const) {
      for (const r of runs) put(bytesOf(r.input[key].subarray(r.from, r.to)));
    }
    for (const r of runs) put(r.input.bitmaps.subarray(r.input.bitmapAt[r.from], r.input.bitmapAt[r.to]));
    put(new Uint8Array(align4(w.at) - w.at));
    putCodes(runs, whole, put);
    put(meta);
    const header = new Uint8Array(HEADER_BYTES);
    writeIndexHeader(header, {photos, windows, fineWindows, metaBytes: meta.length}, w.crc);
    writeSync(fd, header, 0, HEADER_BYTES, 0);
    closeSync(fd);
    renameSync(tmp, out);
    return {photos, windows, bytes: w.at};
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed: the rename failed
    }
    rmSync(tmp, {force: true});
    throw err;
  }
}

/** All high halves, all low halves, then all fine codes; inputs copied whole get their checksum checked on the way. */
function putCodes(runs: Run[], whole: Set<IndexTables>, put: (b: Uint8Array) => void): void {
  const crcs = new Map([...whole].map((t) => [t, t.crcToCodes]));
  const sections = [
    (r: Run) => ({from: r.input.hiAt + 4 * r.input.first[r.from], length: 4 * windowsOf(r)}),
    (r: Run) => ({from: r.input.loAt + 4 * r.input.first[r.from], length: 4 * windowsOf(r)}),
    (r: Run) => ({from: r.input.fineAt + 2 * r.input.fineFirst[r.from], length: 2 * fineWindowsOf(r)}),
  ];
  for (const section of sections) {
    for (const r of runs) {
      const {from, length} = section(r);
      copyRange(r.input.fd, from, length, (chunk) => {
        put(chunk);
        if (crcs.has(r.input)) crcs.set(r.input, crc32(chunk, crcs.get(r.input)));
      });
    }
  }
  for (const [t, crc] of crcs) checkCrcAfterCopy(t, crc);
}

const windowsOf = (r: Run) => windowEnd(r.input, r.to - 1) - r.input.first[r.from];
const fineWindowsOf = (r: Run) => r.input.fineFirst[r.to - 1] + r.input.fineCount[r.to - 1] - r.input.fineFirst[r.from];
const windowEnd = (t: IndexTables, p: number) => t.first[p] + t.count[p];
const bytesOf = (a: Uint16Array | Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Each photo's first window, shifted to where its run's windows land in the output. */
function putFirstWindows(runs: Run[], put: (b: Uint8Array) => void): void {
  let windows = 0;
  for (const r of runs) {
    const shifted = r.input.first.slice(r.from, r.to);
    const delta = windows - r.input.first[r.from];
    for (let i = 0; i < shifted.length; i++) shifted[i] += delta;
    put(bytesOf(shifted));
    windows += windowsOf(r);
  }
}

function copyRange(fd: number, from: number, length: number, put: (b: Uint8Array) => void): void {
  const buf = new Uint8Array(Math.min(CHUNK, length));
  for (let at = 0; at < length; ) {
    const got = readSync(fd, buf, 0, Math.min(buf.length, length - at), from + at);
    if (got === 0) throw new Error(`unexpected end of file at byte ${from + at}`);
    put(buf.subarray(0, got));
    at += got;
  }
}
