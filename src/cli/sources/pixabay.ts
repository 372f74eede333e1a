/** `--from pixabay --query <q>`: photos listed by the Pixabay API, with downloads, views and likes. */
import type {PhotoMeta} from '../../core/photo-set.js';
import {FatalError} from '../args.js';
import {apiPage} from './api-pages.js';
import {RateLimiter} from './rate-limiter.js';
import {apiKey, type Candidate, type Source} from './source.js';

export const PIXABAY_API = 'https://pixabay.com/api/';
/** The largest page the API serves. */
const PER_PAGE = 200;
/** The API gives at most 500 hits per query (its totalHits), whatever the total. */
const MAX_HITS = 500;
/** Pixabay's default limit: 100 requests per 60 seconds. */
const REQUESTS_PER_MINUTE = 100;

interface PixabayHit {
  id: number;
  pageURL?: string;
  largeImageURL?: string;
  webformatURL?: string;
  tags?: string;
  user?: string;
  user_id?: number;
  downloads?: number;
  views?: number;
  likes?: number;
}

interface PixabayPage {
  totalHits?: number;
  hits?: PixabayHit[];
}

export function pixabaySource(opts: {query: string; apiBase?: string}): Source {
  // Read before anything is created: a missing key stops the build with nothing left behind.
  const key = apiKey('PIXABAY_API_KEY', 'https://pixabay.com/api/docs/');
  return async function* (ctx) {
    const limiter = new RateLimiter(REQUESTS_PER_MINUTE, 60_000, undefined, ctx.log);
    const request = {limiter, keyOf: {api: 'Pixabay', env: 'PIXABAY_API_KEY'}};
    const base = new URL(opts.apiBase ?? PIXABAY_API);
    for (let page = 1; ; page++) {
      const url = new URL(base);
      for (const [k, v] of Object.entries({key, q: opts.query, image_type: 'photo', per_page: String(PER_PAGE), page: String(page)})) url.searchParams.set(k, v);
      const body = (await apiPage(ctx, url.toString(), request)) as PixabayPage;
      if (!Array.isArray(body?.hits)) throw new FatalError(`unexpected answer from Pixabay for page ${page}: no hits list`);
      const reachable = Math.min(body.totalHits ?? 0, MAX_HITS);
      ctx.expect(reachable);
      for (const hit of body.hits) {
        const c = pixabayCandidate(hit);
        if (c) yield c;
      }
      if (body.hits.length < PER_PAGE || page * PER_PAGE >= reachable) return;
    }
  };
}

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined);

/** largeImageURL is at most 1280 px: bounded, and well over the 256-px working size. */
function pixabayCandidate(h: PixabayHit): Candidate | undefined {
  const url = h.largeImageURL ?? h.webformatURL;
  if (typeof h.id !== 'number' || !url) return undefined;
  const meta: PhotoMeta = {
    id: `pixabay:${h.id}`,
    library: 'Pixabay',
    title: h.tags || undefined,
    photographer: h.user,
    photographerUrl: h.user && h.user_id !== undefined ? `https://pixabay.com/users/${h.user}-${h.user_id}/` : undefined,
    pageUrl: h.pageURL,
    licence: 'Pixabay Content License',
    downloads: count(h.downloads),
    views: count(h.views),
    likes: count(h.likes),
    source: 'Pixabay API',
  };
  return {meta, image: {url}, name: meta.id};
}
