/** Per-photo metadata for `index build --meta`: a CSV or JSON sidecar keyed by file name. */
import {readFileSync} from 'node:fs';
import {basename, extname} from 'node:path';
import type {PhotoMeta} from '../core/photo-set.js';
import {UsageError} from './args.js';

/** Column / key aliases accepted, so the Unsplash, Pexels and corpus naming all work. */
const ALIASES: Record<string, keyof PhotoMeta | 'file'> = {
  file: 'file', filename: 'file', path: 'file',
  id: 'id', photo_id: 'id',
  library: 'library', title: 'title', description: 'title',
  photographer: 'photographer', photographer_name: 'photographer', author: 'photographer',
  photographerurl: 'photographerUrl', photographer_url: 'photographerUrl',
  pageurl: 'pageUrl', page_url: 'pageUrl', url: 'pageUrl', photo_url: 'pageUrl', sourceurl: 'pageUrl',
  licence: 'licence', license: 'licence',
  downloads: 'downloads', stats_downloads: 'downloads', views: 'views', stats_views: 'views', likes: 'likes',
  source: 'source', package: 'source',
};
const NUMERIC = new Set(['downloads', 'views', 'likes']);

export type Sidecar = Map<string, Partial<PhotoMeta>>;

/** Keys a sidecar row can be found under: the file's name, with and without extension. */
export const sidecarKeys = (file: string) => [basename(file), basename(file, extname(file))];

export function readSidecar(path: string): Sidecar {
  const text = readFileSync(path, 'utf8');
  const rows = path.toLowerCase().endsWith('.json') ? jsonRows(text, path) : csvRows(text);
  const out: Sidecar = new Map();
  for (const row of rows) {
    const meta: Record<string, unknown> = {};
    let file = '';
    for (const [key, raw] of Object.entries(row)) {
      const field = ALIASES[key.toLowerCase()];
      if (!field || raw === null || raw === undefined || raw === '') continue;
      if (field === 'file') file = String(raw);
      else if (NUMERIC.has(field)) {
        const n = Number(raw);
        if (Number.isFinite(n) && n >= 0) meta[field] = n;
      } else meta[field] = String(raw);
    }
    if (!file) continue;
    for (const k of sidecarKeys(file)) out.set(k, meta as Partial<PhotoMeta>);
  }
  return out;
}

function jsonRows(text: string, path: string): Record<string, unknown>[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (Array.isArray(data)) return data as Record<string, unknown>[];
  if (data && typeof data === 'object') return Object.entries(data).map(([file, m]) => ({file, ...(m as object)}));
  throw new UsageError(`${path}: expected an array of records or an object keyed by file name`);
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF); the first row names the columns. */
export function csvRows(text: string): Record<string, string>[] {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  // A header with tabs and no commas is TSV (the Unsplash Dataset's photos.tsv).
  const separator = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += '"', i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.some((f) => f !== '')) records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  record.push(field);
  if (record.some((f) => f !== '')) records.push(record);
  const [header, ...body] = records;
  if (!header) return [];
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ''])));
}
