/** What every index source hands the build: photos with their metadata and where their image is. */
import type {PhotoMeta} from '../../core/photo-set.js';
import {FatalError} from '../args.js';
import type {ApiCache} from './api-cache.js';
import type {HttpClient} from './http-client.js';

export interface Candidate {
  /** id is `<library>:<photo id>` for library sources, the file name (or the sidecar's id) for folders. */
  meta: PhotoMeta;
  /** A local file, or an image URL fetched at a bounded size. */
  image: {path: string} | {url: string};
  /** How messages name the photo (a folder's relative path; the id otherwise). */
  name: string;
}

export interface SourceContext {
  http: HttpClient;
  cache: ApiCache;
  /** Where API requests (or, for the Unsplash Dataset, image requests) go instead of the library's own host. */
  apiBase?: string;
  /** Tells the progress line how many photos the listing holds, once the source knows. */
  expect(total: number): void;
  log(line: string): void;
}

/** A source lists lazily: pages are fetched only while the build still wants photos. */
export type Source = (ctx: SourceContext) => AsyncIterable<Candidate>;

/** An environment variable holding an API key, or a clear stop before any request is made. */
export function apiKey(env: string, where: string): string {
  const key = process.env[env]?.trim();
  if (!key) throw new MissingKeyError(`${env} is not set: get a free API key at ${where} and run with ${env}=<key>`);
  return key;
}

export class MissingKeyError extends FatalError {
  override name = 'MissingKeyError';
}

/** `base` with `path` appended, whether or not base ends in a slash. */
export const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
