/** `cliche index build <folder> --out <file> [--meta <csv|json>]` */
import {basename, extname, resolve} from 'node:path';
import {buildPhotoSet} from '../../core/build-photo-set.js';
import type {PhotoPrint} from '../../core/fingerprint.js';
import {encodeIndex} from '../../core/index-file.js';
import type {PhotoMeta} from '../../core/photo-set.js';
import {parseArgs, UsageError} from '../args.js';
import {fingerprintFiles} from '../fingerprint-pool.js';
import {isDirectory, listImages, relativeName, writeFileAtomic} from '../files.js';
import type {Io} from '../io.js';
import {readSidecar, sidecarKeys} from '../metadata-sidecar.js';
import {Progress} from '../progress.js';

export async function indexBuild(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {values: ['out', 'meta', 'threads']});
  const [folder] = args.positionals;
  if (!folder || args.positionals.length > 1) throw new UsageError('index build takes one folder: cliche index build <folder> --out <file>');
  const out = args.values.out;
  if (!out) throw new UsageError('index build needs --out <file>');
  if (!isDirectory(folder)) throw new UsageError(`${folder} is not a folder`);
  const sidecar = args.values.meta ? readSidecar(args.values.meta) : new Map();
  const files = listImages(folder);
  if (files.length === 0) throw new UsageError(`no images (jpg, png, webp, gif, avif, tiff) under ${folder}`);
  const progress = new Progress('fingerprinting', files.length);
  const started = Date.now();
  const threads = args.values.threads ? Number(args.values.threads) : undefined;
  const results = await fingerprintFiles(files.map((f) => resolve(f)), () => progress.tick(), threads);
  const prints: PhotoPrint[] = [];
  const metas: PhotoMeta[] = [];
  const seen = new Set<string>();
  let failed = 0;
  results.forEach((r, i) => {
    const name = relativeName(folder, files[i]);
    if ('error' in r) {
      failed++;
      io.err(`skipped ${name}: ${r.error}`);
      return;
    }
    const extra = sidecarKeys(files[i]).map((k) => sidecar.get(k)).find(Boolean) ?? {};
    const meta: PhotoMeta = {...extra, id: extra.id ?? basename(files[i], extname(files[i]))};
    if (seen.has(meta.id)) {
      failed++;
      io.err(`skipped ${name}: id ${meta.id} is already used by another photo`);
      return;
    }
    seen.add(meta.id);
    prints.push(r.print);
    metas.push(meta);
  });
  if (prints.length === 0) {
    io.err(`no photo could be indexed (${failed} failed); ${out} was not written`);
    return 1;
  }
  const bytes = encodeIndex(buildPhotoSet(prints, metas));
  writeFileAtomic(out, bytes);
  const seconds = (Date.now() - started) / 1000;
  io.err(
    `wrote ${out}: ${prints.length} photos, ${(bytes.length / 1024).toFixed(1)} KiB (${Math.round(bytes.length / prints.length)} bytes/photo), ` +
      `${(prints.length / seconds).toFixed(1)} photos/s${failed ? `; ${failed} skipped (see above)` : ''}`,
  );
  return 0;
}
