/** One API page as JSON: served from the 24-hour cache when it can be, else fetched and cached. */
import {cacheKey} from './api-cache.js';
import type {RequestOptions} from './http-client.js';
import type {SourceContext} from './source.js';

export async function apiPage(ctx: SourceContext, url: string, opts: RequestOptions): Promise<unknown> {
  const key = cacheKey(url);
  const cached = ctx.cache.get(key);
  if (cached !== undefined) return cached;
  const body = await ctx.http.json(url, opts);
  ctx.cache.put(key, body);
  return body;
}
