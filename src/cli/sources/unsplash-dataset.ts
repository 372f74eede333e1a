/** `--from unsplash-dataset <dir>`: the Unsplash Dataset's photos.tsv* files (Lite or Full). */
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import type {PhotoMeta} from '../../core/photo-set.js';
import {UsageError} from '../args.js';
import {isDirectory} from '../files.js';
import type {Candidate, Source} from './source.js';
import {tsvRows} from './tsv-stream.js';

/**
 * Images are asked for 1080 px wide (the size Unsplash itself calls "regular"): over four times
 * the 256-px working size, a fraction of the original's megabytes.
 */
export const FETCH_WIDTH = 1080;

/** The dataset's photos.tsv000, photos.tsv001, ... (Full is split in several files). */
export function datasetFiles(dir: string): string[] {
  if (!isDirectory(dir)) throw new UsageError(`${dir} is not a folder (expected the Unsplash Dataset's folder with photos.tsv000)`);
  const files = readdirSync(dir).filter((f) => /^photos\.tsv/.test(f)).sort();
  if (files.length === 0) throw new UsageError(`no photos.tsv* file in ${dir} (the Unsplash Dataset's photo table)`);
  return files.map((f) => join(dir, f));
}

export function unsplashDatasetSource(opts: {dir: string; top?: number; apiBase?: string}): Source {
  const files = datasetFiles(opts.dir);
  return async function* (ctx) {
    if (opts.top) {
      const top = await mostDownloaded(files, opts.top);
      ctx.expect(top.length);
      for (const c of top) yield toCandidate(c, opts.apiBase);
      return;
    }
    for (const file of files) {
      for await (const row of tsvRows(file)) {
        const c = readRow(row);
        if (c) yield toCandidate(c, opts.apiBase);
      }
    }
  };
}

interface Row {
  id: string;
  imageUrl: string;
  meta: PhotoMeta;
}

function readRow(r: Record<string, string>): Row | undefined {
  if (!r.photo_id || !r.photo_image_url) return undefined;
  const name = [r.photographer_first_name, r.photographer_last_name].filter(Boolean).join(' ') || r.photographer_username;
  const num = (s: string | undefined) => (s && /^\d+$/.test(s.trim()) ? Number(s) : undefined);
  const meta: PhotoMeta = {
    id: `unsplash:${r.photo_id}`,
    library: 'Unsplash',
    title: r.photo_description || r.ai_description || undefined,
    photographer: name || undefined,
    photographerUrl: r.photographer_username ? `https://unsplash.com/@${r.photographer_username}` : undefined,
    pageUrl: r.photo_url || `https://unsplash.com/photos/${r.photo_id}`,
    licence: 'Unsplash License',
    downloads: num(r.stats_downloads),
    views: num(r.stats_views),
    source: 'Unsplash Dataset',
  };
  return {id: r.photo_id, imageUrl: r.photo_image_url, meta};
}

/** The top N rows by downloads, keeping only N in memory (the Full dataset has millions of rows). */
async function mostDownloaded(files: string[], n: number): Promise<Row[]> {
  const keep: Row[] = [];
  const score = (r: Row) => r.meta.downloads ?? -1;
  for (const file of files) {
    for await (const row of tsvRows(file)) {
      const c = readRow(row);
      if (!c) continue;
      if (keep.length < n) keep.push(c);
      else if (score(c) > score(keep[keep.length - 1])) keep[keep.length - 1] = c;
      else continue;
      // Insertion into a sorted array: N is a few thousand at most, and most rows stop above.
      for (let i = keep.length - 1; i > 0 && score(keep[i]) > score(keep[i - 1]); i--) [keep[i], keep[i - 1]] = [keep[i - 1], keep[i]];
    }
  }
  return keep;
}

/** The image at a bounded size through its imgix resize parameters, on --api-base's host if given. */
export function imageUrl(photoImageUrl: string, apiBase?: string): string {
  const u = new URL(photoImageUrl);
  u.searchParams.set('w', String(FETCH_WIDTH));
  u.searchParams.set('fm', 'jpg');
  u.searchParams.set('q', '80');
  if (!apiBase) return u.toString();
  const base = new URL(apiBase);
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${u.pathname}${u.search}`;
}

const toCandidate = (r: Row, apiBase?: string): Candidate => ({meta: r.meta, image: {url: imageUrl(r.imageUrl, apiBase)}, name: r.meta.id});
