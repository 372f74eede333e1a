/**
 * A loopback stand-in for the Pexels and Pixabay APIs and the image hosts, answering in each API's
 * documented format, with faults a test can arm: a rejected key, 429 with Retry-After, 5xx, broken
 * image bytes, images that hang. Every request is logged so tests can count fetches.
 */
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {fixtureBytes, fixtureNames} from '../core/photo-helpers.js';

export const PEXELS_KEY = 'pexels-test-key';
export const PIXABAY_KEY = 'pixabay-test-key';

export interface Faults {
  /** Answer this many more requests to a path with the status (429 comes with Retry-After: 1). */
  once: Map<string, {status: number; times: number}>;
  /** Image paths answered with the first 300 bytes of a JPEG. */
  broken: Set<string>;
  /** Image paths never answered while `hang` is set. */
  hang: (path: string) => boolean;
}

export class FakeStockApis {
  readonly requests: {path: string; query: URLSearchParams; auth?: string}[] = [];
  readonly faults: Faults = {once: new Map(), broken: new Set(), hang: () => false};
  /** Photos per page the fake serves (small, to make the build page through next_page). */
  perPage = 5;
  base = '';
  private server?: Server;
  readonly photos = fixtureNames().map((name, i) => ({name, id: 1000 + i}));

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.base = `http://127.0.0.1:${(this.server!.address() as {port: number}).port}`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((r) => this.server!.close(() => r()));
  }

  /** How many requests went to a path. */
  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url!, this.base);
    this.requests.push({path: url.pathname, query: url.searchParams, auth: req.headers.authorization});
    const fault = this.faults.once.get(url.pathname) ?? this.faults.once.get(`${url.pathname}?page=${url.searchParams.get('page')}`);
    if (fault && fault.times > 0) {
      fault.times--;
      res.writeHead(fault.status, fault.status === 429 ? {'Retry-After': '1'} : {}).end(`error ${fault.status}`);
      return;
    }
    if (url.pathname === '/v1/search' || url.pathname === '/v1/curated') return this.pexels(req, url, res);
    if (url.pathname === '/api/') return this.pixabay(url, res);
    if (url.pathname.startsWith('/images/') || url.pathname.startsWith('/photo-')) return this.image(url.pathname, res);
    res.writeHead(404).end('not found');
  }

  private page(url: URL) {
    const page = Number(url.searchParams.get('page') ?? 1);
    return {page, slice: this.photos.slice((page - 1) * this.perPage, page * this.perPage)};
  }

  /** GET /v1/search?query=&per_page=&page= and /v1/curated: Authorization header, next_page links. */
  private pexels(req: IncomingMessage, url: URL, res: ServerResponse): void {
    if (req.headers.authorization !== PEXELS_KEY) return void res.writeHead(401, {'Content-Type': 'application/json'}).end('{"error":"Unauthorized"}');
    const {page, slice} = this.page(url);
    const next = new URL(`https://api.pexels.com${url.pathname}${url.search}`);
    next.searchParams.set('page', String(page + 1));
    const photos = slice.map((p) => ({
      id: p.id,
      width: 1500,
      height: 1000,
      url: `https://www.pexels.com/photo/${p.name.replace('.jpg', '')}-${p.id}/`,
      photographer: `Photographer ${p.id}`,
      photographer_url: `https://www.pexels.com/@photographer-${p.id}`,
      alt: p.name.replace('.jpg', '').replace(/-/g, ' '),
      src: {original: `${this.base}/images/original/${p.name}`, large2x: `${this.base}/images/${p.name}`, large: `${this.base}/images/large/${p.name}`},
    }));
    const more = page * this.perPage < this.photos.length;
    const headers = {'Content-Type': 'application/json', 'X-Ratelimit-Limit': '20000', 'X-Ratelimit-Remaining': '19000', 'X-Ratelimit-Reset': '1798761600'};
    res.writeHead(200, headers).end(JSON.stringify({page, per_page: this.perPage, photos, total_results: this.photos.length, ...(more ? {next_page: next.toString()} : {})}));
  }

  /** GET /api/?key=&q=&image_type=photo&per_page=&page=: the key as a query parameter. */
  private pixabay(url: URL, res: ServerResponse): void {
    if (url.searchParams.get('key') !== PIXABAY_KEY) return void res.writeHead(400).end('[ERROR 400] Invalid or missing API key.');
    const {slice} = this.page(url);
    const hits = slice.map((p, i) => ({
      id: p.id,
      pageURL: `https://pixabay.com/photos/${p.name.replace('.jpg', '')}-${p.id}/`,
      type: 'photo',
      tags: p.name.replace('.jpg', '').replace(/-/g, ', '),
      webformatURL: `${this.base}/images/web/${p.name}`,
      largeImageURL: `${this.base}/images/${p.name}`,
      views: 5000 + i,
      downloads: 3000 + p.id,
      likes: 40 + i,
      user_id: 77,
      user: 'jdoe',
    }));
    res.writeHead(200, {'Content-Type': 'application/json', 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '99', 'X-RateLimit-Reset': '60'});
    res.end(JSON.stringify({total: this.photos.length, totalHits: this.photos.length, hits}));
  }

  private image(path: string, res: ServerResponse): void {
    if (this.faults.hang(path)) return; // never answered: the request stays open
    const name = path.split('/').pop()!.replace(/^photo-/, '');
    if (!this.photos.some((p) => p.name === name)) return void res.writeHead(404).end('no such image');
    const bytes = fixtureBytes(name);
    res.writeHead(200, {'Content-Type': 'image/jpeg'}).end(this.faults.broken.has(path) ? bytes.subarray(0, 300) : bytes);
  }
}
