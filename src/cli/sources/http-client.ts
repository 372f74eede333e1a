/** HTTP for index sources: retries with backoff on 429 and 5xx, rate limits, bounded downloads. */
import {FatalError} from '../args.js';
import {realClock, RateLimiter, type Clock} from './rate-limiter.js';

/** Attempts per request before giving up on it (1 + 5 retries: 1+2+4+8+16 s of backoff at the default base). */
export const MAX_ATTEMPTS = 6;
/** Backoff base: doubles per retry. CLICHE_RETRY_BASE_MS shortens it for tests and fast mirrors. */
export const RETRY_BASE_MS = Number(process.env.CLICHE_RETRY_BASE_MS ?? 1000);
const REQUEST_TIMEOUT_MS = 30_000;

/** The API refused the key: nothing else can succeed, so the build stops at once. */
export class KeyRejectedError extends FatalError {
  override name = 'KeyRejectedError';
}

/** A request that failed for good (4xx, or still failing after every retry). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(message: string, readonly status: number, readonly transient: boolean) {
    super(message);
  }
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Counts the request against an API's rate limit and reads its rate-limit headers. */
  limiter?: RateLimiter;
  /** Name of the API and of the key's variable: 401/403 then mean a rejected key. */
  keyOf?: {api: string; env: string};
}

export interface HttpDeps {
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  retryBaseMs?: number;
}

export class HttpClient {
  private readonly fetch: typeof fetch;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly baseMs: number;

  constructor(deps: HttpDeps = {}) {
    this.fetch = deps.fetch ?? globalThis.fetch;
    this.clock = deps.clock ?? realClock;
    this.random = deps.random ?? Math.random;
    this.baseMs = deps.retryBaseMs ?? RETRY_BASE_MS;
  }

  /** A successful response, after retries; throws KeyRejectedError or HttpError otherwise. */
  async get(url: string, opts: RequestOptions = {}): Promise<Response> {
    let last = '';
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await opts.limiter?.acquire();
      const res = await this.fetch(url, {headers: opts.headers, redirect: 'follow', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)}).catch((err: Error & {cause?: Error}) => {
        last = err.name === 'TimeoutError' ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : `fetch failed: ${err.cause?.message ?? err.message}`;
        return undefined;
      });
      if (res) opts.limiter?.observe(res.headers);
      if (res?.ok) return res;
      if (res) {
        last = `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
        await this.failFast(res, last, opts);
        await res.body?.cancel().catch(() => {});
      }
      if (attempt + 1 < MAX_ATTEMPTS) await this.pause(attempt, res, opts.limiter);
    }
    throw new HttpError(`${last} (after ${MAX_ATTEMPTS} tries)`, 0, true);
  }

  /** 401/403 on an API call: a bad key. Other 4xx but 429: this request will never work. */
  private async failFast(res: Response, status: string, opts: RequestOptions): Promise<void> {
    const code = res.status;
    if (code === 429 || code >= 500) return;
    const body = (await res.text().catch(() => '')).trim().slice(0, 200);
    // Pixabay answers a bad key with 400 "[ERROR 400] Invalid or missing API key".
    const badKey = code === 401 || code === 403 || (code === 400 && /api key/i.test(body));
    if (opts.keyOf && badKey) {
      throw new KeyRejectedError(`${opts.keyOf.api} rejected the API key (${status}${body ? `: ${body}` : ''}); check ${opts.keyOf.env}`);
    }
    throw new HttpError(status, code, false);
  }

  /** Retry-After (seconds or a date) when the server gives one, else exponential backoff with jitter. */
  private async pause(attempt: number, res: Response | undefined, limiter?: RateLimiter): Promise<void> {
    const header = res?.headers.get('retry-after');
    let ms = this.baseMs * 2 ** attempt * (1 + 0.5 * this.random());
    if (header && /^\d+$/.test(header.trim())) ms = Number(header) * 1000;
    else if (header && Number.isFinite(Date.parse(header))) ms = Math.max(0, Date.parse(header) - this.clock.now());
    if (limiter) await limiter.wait(ms);
    else await this.clock.sleep(ms);
  }

  async json(url: string, opts: RequestOptions = {}): Promise<unknown> {
    const res = await this.get(url, opts);
    try {
      return await res.json();
    } catch {
      throw new FatalError(`${opts.keyOf?.api ?? 'the server'} answered ${url.replace(/([?&]key=)[^&]+/, '$1***')} with something that is not JSON`);
    }
  }

  /** The body, refused past maxBytes; a fresh ArrayBuffer so it can be transferred to a worker. */
  async bytes(url: string, maxBytes: number): Promise<Uint8Array> {
    const res = await this.get(url);
    if (Number(res.headers.get('content-length') ?? 0) > maxBytes) throw new HttpError(`larger than ${maxBytes / 1048576} MB`, res.status, false);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of res.body ?? []) {
      total += chunk.length;
      if (total > maxBytes) throw new HttpError(`larger than ${maxBytes / 1048576} MB`, res.status, false);
      chunks.push(chunk);
    }
    if (total === 0) throw new HttpError('empty response', res.status, false);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) out.set(c, at), (at += c.length);
    return out;
  }
}
