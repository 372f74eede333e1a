/** `--from folder <dir>` (or a bare folder): every image under it, with metadata from a CSV/JSON sidecar. */
import {basename, extname, resolve} from 'node:path';
import {UsageError} from '../args.js';
import {isDirectory, listImages, relativeName} from '../files.js';
import {readSidecar, sidecarKeys} from '../metadata-sidecar.js';
import type {Candidate, Source} from './source.js';

export function folderSource(opts: {dir: string; meta?: string}): Source {
  if (!isDirectory(opts.dir)) throw new UsageError(`${opts.dir} is not a folder`);
  const sidecar = opts.meta ? readSidecar(opts.meta) : new Map();
  const files = listImages(opts.dir);
  if (files.length === 0) throw new UsageError(`no images (jpg, png, webp, gif, avif, tiff) under ${opts.dir}`);
  return async function* (ctx) {
    ctx.expect(files.length);
    for (const file of files) {
      const extra = sidecarKeys(file).map((k) => sidecar.get(k)).find(Boolean) ?? {};
      const candidate: Candidate = {
        meta: {...extra, id: extra.id ?? basename(file, extname(file))},
        image: {path: resolve(file)},
        name: relativeName(opts.dir, file),
      };
      yield candidate;
    }
  };
}
