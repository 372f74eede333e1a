/** `cliche index build [--from <source>] ...`: options to a source, then the shared build pipeline. */
import {availableParallelism} from 'node:os';
import {resolve} from 'node:path';
import {parseArgs, UsageError, type ParsedArgs} from '../args.js';
import {buildIndex} from '../build-pipeline.js';
import type {Io} from '../io.js';
import {ApiCache} from '../sources/api-cache.js';
import {folderSource} from '../sources/folder.js';
import {HttpClient} from '../sources/http-client.js';
import {pexelsSource} from '../sources/pexels.js';
import {pixabaySource} from '../sources/pixabay.js';
import {parseShard} from '../sources/shard.js';
import type {Source} from '../sources/source.js';
import {unsplashDatasetSource} from '../sources/unsplash-dataset.js';

export const SOURCES = ['folder', 'unsplash-dataset', 'pexels', 'pixabay'] as const;

export async function indexBuild(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {values: ['out', 'meta', 'threads', 'from', 'query', 'api-base', 'limit', 'top', 'shard', 'cache'], flags: ['curated']});
  const from = args.values.from ?? 'folder';
  if (!(SOURCES as readonly string[]).includes(from)) throw new UsageError(`--from must be one of ${SOURCES.join(', ')} (got ${from})`);
  const out = args.values.out;
  if (!out) throw new UsageError('index build needs --out <file>');
  const {source, job} = pickSource(from, args);
  const threads = positive(args, 'threads') ?? availableParallelism();
  return buildIndex({
    source,
    out,
    job,
    shard: args.values.shard ? parseShard(args.values.shard) : undefined,
    limit: positive(args, 'limit'),
    threads,
    http: new HttpClient(),
    cache: new ApiCache(args.values.cache ?? `${out}.api-cache`),
    io,
  });
}

/** The source and what identifies its job (a resumed build must be the same job). */
function pickSource(from: string, args: ParsedArgs): {source: Source; job: Record<string, unknown>} {
  const apiBase = args.values['api-base'];
  const onlyFor = (option: string, sources: string[]) => {
    if (args.values[option] !== undefined && !sources.includes(from)) throw new UsageError(`--${option} is for --from ${sources.join(' or ')}`);
  };
  onlyFor('meta', ['folder']);
  onlyFor('top', ['unsplash-dataset']);
  onlyFor('query', ['pexels', 'pixabay']);
  onlyFor('api-base', ['unsplash-dataset', 'pexels', 'pixabay']);
  const job = {from, shard: args.values.shard ?? null};
  if (from === 'folder' || from === 'unsplash-dataset') {
    const [dir] = args.positionals;
    if (!dir || args.positionals.length > 1) throw new UsageError(`index build --from ${from} takes one folder: cliche index build --from ${from} <folder> --out <file>`);
    if (from === 'folder') return {source: folderSource({dir, meta: args.values.meta}), job: {...job, dir: resolve(dir), meta: args.values.meta ?? null}};
    const top = positive(args, 'top');
    return {source: unsplashDatasetSource({dir, top, apiBase}), job: {...job, dir: resolve(dir), top: top ?? null}};
  }
  if (args.positionals.length) throw new UsageError(`--from ${from} takes no folder (got ${args.positionals.join(' ')})`);
  const query = args.values.query;
  if (from === 'pixabay') {
    if (!query) throw new UsageError('--from pixabay needs --query "<words>"');
    return {source: pixabaySource({query, apiBase}), job: {...job, query}};
  }
  const curated = args.flags.has('curated');
  if (!query === !curated) throw new UsageError('--from pexels needs either --query "<words>" or --curated');
  return {source: pexelsSource({query, curated, apiBase}), job: {...job, query: query ?? null, curated}};
}

function positive(args: ParsedArgs, name: string): number | undefined {
  const raw = args.values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number of at least 1 (got ${raw})`);
  return n;
}
