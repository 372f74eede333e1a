/**
 * A build's checkpoint, `<out>.partial/`: every photo's fingerprint (or lasting failure) appended as
 * one JSON line the moment it is known, so a killed build resumes without fetching anything twice.
 */
import {appendFileSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, truncateSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {FINGERPRINT_VERSION, type PhotoPrint} from '../../core/fingerprint.js';
import type {PhotoMeta} from '../../core/photo-set.js';
import {FatalError} from '../args.js';

export type Done = {meta: PhotoMeta; print: PhotoPrint} | {meta: PhotoMeta; error: string};

interface Line {
  meta: PhotoMeta;
  error?: string;
  size?: [number, number, number, number];
  slots?: string;
  hi?: string;
  lo?: string;
  fineSlots?: string;
  fine?: string;
}

const b64 = (a: Uint16Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
// Copy into a fresh buffer: base64 decoding may hand back an unaligned slice of Node's pool.
const bytesOf = (s: string) => Uint8Array.from(Buffer.from(s, 'base64')).buffer;

export class Checkpoint {
  readonly dir: string;
  private readonly file: string;
  /** Everything recorded so far, by photo id. */
  readonly done = new Map<string, Done>();

  /** `job` names what is being built; a checkpoint of another job in the same place is refused. */
  constructor(out: string, job: Record<string, unknown>) {
    this.dir = `${out}.partial`;
    this.file = join(this.dir, 'photos.jsonl');
    const jobFile = join(this.dir, 'job.json');
    const jobText = JSON.stringify({...job, fingerprintVersion: FINGERPRINT_VERSION});
    if (existsSync(jobFile) && readFileSync(jobFile, 'utf8') !== jobText) {
      throw new FatalError(`${this.dir} holds an unfinished build with other options (${readFileSync(jobFile, 'utf8')}); run that build again to finish it, or delete ${this.dir}`);
    }
    mkdirSync(this.dir, {recursive: true});
    writeFileSync(jobFile, jobText);
    if (existsSync(this.file)) this.load();
    else closeSync(openSync(this.file, 'a'));
  }

  /** Reads earlier lines; a last line torn by a kill is cut off so new lines start clean. */
  private load(): void {
    const text = readFileSync(this.file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) truncateSync(this.file, Buffer.byteLength(text.slice(0, end)));
    text.slice(0, end).split('\n').forEach((line, i) => {
      if (!line) return;
      let rec: Line;
      try {
        rec = JSON.parse(line) as Line;
      } catch {
        throw new FatalError(`${this.file}: line ${i + 1} is damaged; delete ${this.dir} to start the build over`);
      }
      this.done.set(rec.meta.id, rec.error !== undefined ? {meta: rec.meta, error: rec.error} : {meta: rec.meta, print: toPrint(rec)});
    });
  }

  add(entry: Done): void {
    const line: Line = 'error' in entry ? {meta: entry.meta, error: entry.error} : fromPrint(entry.meta, entry.print);
    // One write per line, synchronous: a kill leaves at most the last line torn.
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
    this.done.set(entry.meta.id, entry);
  }

  remove(): void {
    rmSync(this.dir, {recursive: true, force: true});
  }
}

function fromPrint(meta: PhotoMeta, p: PhotoPrint): Line {
  return {meta, size: [p.width, p.height, p.workW, p.workH], slots: b64(p.slots), hi: b64(p.hi), lo: b64(p.lo), fineSlots: b64(p.fineSlots), fine: b64(p.fine)};
}

function toPrint(rec: Line): PhotoPrint {
  const [width, height, workW, workH] = rec.size!;
  return {
    width, height, workW, workH,
    slots: new Uint16Array(bytesOf(rec.slots!)), hi: new Uint32Array(bytesOf(rec.hi!)), lo: new Uint32Array(bytesOf(rec.lo!)),
    fineSlots: new Uint16Array(bytesOf(rec.fineSlots!)), fine: new Uint16Array(bytesOf(rec.fine!)),
  };
}
