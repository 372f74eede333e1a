/** `--from pexels --query <q>` / `--curated`: photos listed by the Pexels API, fetched at a bounded size. */
import type {PhotoMeta} from '../../core/photo-set.js';
import {FatalError} from '../args.js';
import {apiPage} from './api-pages.js';
import {RateLimiter} from './rate-limiter.js';
import {apiKey, joinUrl, type Candidate, type Source} from './source.js';

export const PEXELS_API = 'https://api.pexels.com/v1/';
/** The largest page the API serves. */
const PER_PAGE = 80;
/** Pexels' default limit is 200 requests an hour (and 20,000 a month, which its headers report). */
const HOURLY_REQUESTS = 200;

interface PexelsPhoto {
  id: number;
  url?: string;
  photographer?: string;
  photographer_url?: string;
  alt?: string;
  src?: Record<string, string>;
}

interface PexelsPage {
  photos?: PexelsPhoto[];
  total_results?: number;
  next_page?: string;
}

export function pexelsSource(opts: {query?: string; curated: boolean; apiBase?: string}): Source {
  // Read before anything is created: a missing key stops the build with nothing left behind.
  const key = apiKey('PEXELS_API_KEY', 'https://www.pexels.com/api/');
  return async function* (ctx) {
    const base = opts.apiBase ?? PEXELS_API;
    const limiter = new RateLimiter(HOURLY_REQUESTS, 3600_000, undefined, ctx.log);
    const request = {headers: {Authorization: key}, limiter, keyOf: {api: 'Pexels', env: 'PEXELS_API_KEY'}};
    const first = opts.curated ? 'curated' : `search?query=${encodeURIComponent(opts.query ?? '')}`;
    let url: string | undefined = joinUrl(base, `${first}${opts.curated ? '?' : '&'}per_page=${PER_PAGE}&page=1`);
    while (url) {
      const page = (await apiPage(ctx, url, request)) as PexelsPage;
      if (!Array.isArray(page?.photos)) throw new FatalError(`unexpected answer from Pexels at ${url}: no photos list`);
      if (typeof page.total_results === 'number') ctx.expect(page.total_results);
      for (const p of page.photos) {
        const c = pexelsCandidate(p);
        if (c) yield c;
      }
      url = nextPage(base, page.next_page);
    }
  };
}

/**
 * next_page is a full URL on Pexels' own host; only its query (page, per_page, query) is kept, so
 * pagination stays on --api-base when one is given.
 */
function nextPage(base: string, next: string | undefined): string | undefined {
  if (!next) return undefined;
  const u = new URL(next);
  const endpoint = u.pathname.replace(/^.*\//, '');
  return joinUrl(base, `${endpoint}${u.search}`);
}

/** large2x fits 1880x1300: over twice the 256-px working size, a fraction of the original's bytes. */
function pexelsCandidate(p: PexelsPhoto): Candidate | undefined {
  const url = p.src?.large2x ?? p.src?.large ?? p.src?.original;
  if (typeof p.id !== 'number' || !url) return undefined;
  const meta: PhotoMeta = {
    id: `pexels:${p.id}`,
    library: 'Pexels',
    title: p.alt || undefined,
    photographer: p.photographer,
    photographerUrl: p.photographer_url,
    pageUrl: p.url,
    licence: 'Pexels License',
    source: 'Pexels API',
  };
  return {meta, image: {url}, name: meta.id};
}
