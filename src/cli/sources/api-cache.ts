/**
 * On-disk cache of API answers. Pixabay's API terms require caching answers for 24 hours; the same
 * cache lets a resumed build page through a listing again without spending requests on it.
 */
import {createHash} from 'node:crypto';
import {mkdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {writeFileAtomic} from '../files.js';

/** 24 hours: the caching period the Pixabay API documentation asks for. */
export const CACHE_TTL_MS = 24 * 60 * 60 * 1000;

interface Entry {
  fetchedAt: number;
  url: string;
  body: unknown;
}

export class ApiCache {
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = CACHE_TTL_MS,
  ) {}

  /** The cached answer for `key` if it is younger than the TTL. */
  get(key: string): unknown {
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(this.file(key), 'utf8')) as Entry;
    } catch {
      return undefined; // missing, or torn by a killed run: fetch again
    }
    const age = this.now() - entry.fetchedAt;
    return age >= 0 && age < this.ttlMs ? entry.body : undefined;
  }

  put(key: string, body: unknown): void {
    mkdirSync(this.dir, {recursive: true});
    const entry: Entry = {fetchedAt: this.now(), url: key, body};
    writeFileAtomic(this.file(key), new TextEncoder().encode(JSON.stringify(entry)));
  }

  private file(key: string): string {
    return join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }
}

/** The cache key of an API URL: the URL without secrets, so a key change does not matter. */
export function cacheKey(url: string, secretParams: string[] = ['key']): string {
  const u = new URL(url);
  for (const p of secretParams) u.searchParams.delete(p);
  u.searchParams.sort();
  return u.toString();
}
