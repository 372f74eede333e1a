/**
 * `index build` for every source: list, keep this shard's photos up to --limit, skip what the
 * checkpoint already holds, fetch and fingerprint a bounded number at once, write the index.
 */
import {buildPhotoSet} from '../core/build-photo-set.js';
import {FatalError} from './args.js';
import type {PhotoPrint} from '../core/fingerprint.js';
import {encodeIndex} from '../core/index-file.js';
import type {PhotoMeta} from '../core/photo-set.js';
import {FingerprintPool} from './fingerprint-pool.js';
import {writeFileAtomic} from './files.js';
import type {Io} from './io.js';
import {Progress} from './progress.js';
import {MAX_INPUT_BYTES} from './read-input.js';
import type {ApiCache} from './sources/api-cache.js';
import {Checkpoint} from './sources/checkpoint.js';
import {HttpError, type HttpClient} from './sources/http-client.js';
import {inShard, type Shard} from './sources/shard.js';
import type {Candidate, Source, SourceContext} from './sources/source.js';

export interface BuildOptions {
  source: Source;
  out: string;
  /** What is being built (source and its options): a checkpoint of another job is refused. */
  job: Record<string, unknown>;
  shard?: Shard;
  limit?: number;
  threads: number;
  http: HttpClient;
  cache: ApiCache;
  io: Io;
}

interface Run {
  o: BuildOptions;
  checkpoint: Checkpoint;
  pool: FingerprintPool;
  progress: Progress;
  /** Photos fingerprinted or failed in this run, and failures not recorded (retried next run). */
  fresh: number;
  retryLater: number;
  /** Photos this run found already done in the checkpoint. */
  resumed: number;
  fatal?: unknown;
}

export async function buildIndex(o: BuildOptions): Promise<number> {
  const checkpoint = new Checkpoint(o.out, o.job);
  const progress = new Progress('fingerprinting', o.limit ?? 0);
  const run: Run = {o, checkpoint, pool: new FingerprintPool(o.threads), progress, fresh: 0, retryLater: 0, resumed: 0};
  const started = Date.now();
  let listed: string[];
  try {
    listed = await listAndProcess(run);
  } finally {
    run.progress.finish();
    await run.pool.close();
  }
  if (run.fatal) {
    // Stopped before anything was done (a rejected key): nothing to resume, so nothing left behind.
    if (checkpoint.done.size === 0) checkpoint.remove();
    throw run.fatal;
  }
  return writeIndex(run, listed, (Date.now() - started) / 1000);
}

/** Walks the listing with at most `inFlight` photos being fetched or fingerprinted at once. */
async function listAndProcess(run: Run): Promise<string[]> {
  const {o, checkpoint} = run;
  const ctx: SourceContext = {
    http: o.http,
    cache: o.cache,
    expect: (total) => run.progress.setTotal(Math.min(o.limit ?? Infinity, Math.ceil(total / (o.shard?.count ?? 1)))),
    log: (line) => o.io.err(line),
  };
  // Two per thread: one decoding while the next downloads.
  const listing: Listing = {listed: [], seen: new Set(), running: new Set(), inFlight: Math.max(4, 2 * o.threads)};
  try {
    for await (const c of o.source(ctx)) {
      await consider(run, listing, c);
      // Checked before the source is asked for more, so no page past --limit is fetched.
      if (run.fatal || listing.listed.length >= (o.limit ?? Infinity)) break;
    }
  } catch (err) {
    // A listing page that still fails after its retries: stop, keeping what is done for the next run.
    run.fatal ??= err instanceof HttpError ? new FatalError(`could not list photos: ${err.message}; ${checkpoint.dir} is kept, run the same command again to resume`) : err;
  }
  await Promise.all(listing.running);
  return listing.listed;
}

interface Listing {
  /** Ids taken in this run (this shard, up to --limit), in listing order. */
  listed: string[];
  seen: Set<string>;
  running: Set<Promise<void>>;
  inFlight: number;
}

/** Takes a listed photo unless another shard, a repeat or the checkpoint has it; waits while too many are in flight. */
async function consider(run: Run, l: Listing, c: Candidate): Promise<void> {
  const {o} = run;
  if (!inShard(c.meta.id, o.shard)) return;
  if (l.seen.has(c.meta.id)) {
    // An API may list a photo twice as pages shift; two files with one id are a real clash.
    if ('path' in c.image) o.io.err(`skipped ${c.name}: id ${c.meta.id} is already used by another photo`);
    return;
  }
  l.seen.add(c.meta.id);
  l.listed.push(c.meta.id);
  const earlier = run.checkpoint.done.get(c.meta.id);
  if (earlier) {
    if ('error' in earlier) o.io.err(`skipped ${c.name}: ${earlier.error} (found by an earlier run)`);
    run.resumed++;
    run.progress.tick();
    return;
  }
  const job: Promise<void> = processOne(run, c).catch((err) => void (run.fatal ??= err)).finally(() => l.running.delete(job));
  l.running.add(job);
  if (l.running.size >= l.inFlight) await Promise.race(l.running);
}

/** Fetch (for URLs), fingerprint, record. Lasting failures are recorded so a resumed run skips them. */
async function processOne(run: Run, c: Candidate): Promise<void> {
  const {o, checkpoint} = run;
  let input: string | Uint8Array;
  if ('path' in c.image) input = c.image.path;
  else {
    try {
      input = await o.http.bytes(c.image.url, MAX_INPUT_BYTES);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      fail(run, c, `image download failed: ${err.message}`, !err.transient);
      run.progress.tick();
      return;
    }
  }
  const result = await run.pool.run(input);
  if ('error' in result) fail(run, c, result.error, true);
  else checkpoint.add({meta: c.meta, print: result.print});
  run.fresh++;
  run.progress.tick();
}

function fail(run: Run, c: Candidate, error: string, lasting: boolean): void {
  if (lasting) run.checkpoint.add({meta: c.meta, error});
  else run.retryLater++;
  run.o.io.err(`skipped ${c.name}: ${error}${lasting ? '' : ' (not recorded: the next run tries it again)'}`);
}

/** The index holds this run's listing order, then photos only an earlier run listed. */
function writeIndex(run: Run, listed: string[], seconds: number): number {
  const {o, checkpoint} = run;
  const inListing = new Set(listed);
  const order = [...listed, ...[...checkpoint.done.keys()].filter((id) => !inListing.has(id))];
  const prints: PhotoPrint[] = [];
  const metas: PhotoMeta[] = [];
  let failed = run.retryLater;
  for (const id of order) {
    const d = checkpoint.done.get(id);
    if (!d) continue;
    if ('error' in d) failed++;
    else prints.push(d.print), metas.push(d.meta);
  }
  if (prints.length === 0) {
    o.io.err(`no photo could be indexed (${failed} failed); ${o.out} was not written`);
    return 1;
  }
  const bytes = encodeIndex(buildPhotoSet(prints, metas));
  writeFileAtomic(o.out, bytes);
  if (run.retryLater === 0) checkpoint.remove();
  o.io.err(
    `wrote ${o.out}: ${prints.length} photos, ${(bytes.length / 1024).toFixed(1)} KiB (${Math.round(bytes.length / prints.length)} bytes/photo), ` +
      `${(run.fresh / seconds).toFixed(1)} photos/s${failed ? `; ${failed} skipped (see above)` : ''}` +
      `${run.resumed ? `; ${run.resumed} taken from an earlier run's checkpoint` : ''}` +
      `${run.retryLater ? `; ${checkpoint.dir} kept: run again to retry the ${run.retryLater} that failed for now` : ''}`,
  );
  return 0;
}
