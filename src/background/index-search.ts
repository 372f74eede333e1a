/**
 * What a check searches: the loaded indexes through one in-memory Matcher, and each large index
 * searched in place (core/streamed-search.ts) from its stored file. A large index held in memory
 * cost the worker ~34 bytes per window (762 MB of RSS at 10^5 photos, tests/bench/README.md); read
 * from its Blob, the worker holds its photo table and bitmaps (~45 bytes per photo) and the slice
 * being read.
 */
import type {QueryPrint} from '../core/fingerprint.js';
import {bestFirst} from '../core/verifier.js';
import {DEFAULT_THRESHOLD, type Match, type MatchOptions, type Matcher} from '../core/matcher.js';
import type {PhotoSet} from '../core/photo-set.js';
import type {StreamedSearch} from '../core/streamed-search.js';
import {IndexFormatError} from '../core/index-file.js';
import {setIdentity} from './check-cache.js';

export interface IndexSearch {
  /** The loaded indexes together (empty when only large ones are enabled). */
  set: PhotoSet;
  loaded: Matcher | null;
  streamed: BatchedSearch[];
  /** Changes whenever the searched photos do: part of the check cache's key. */
  identity: string;
}

export function indexSearch(set: PhotoSet, loaded: Matcher | null, streamed: BatchedSearch[]): IndexSearch {
  return {set, loaded, streamed, identity: [setIdentity(set), ...streamed.map((s) => s.identity)].join(' ')};
}

/** The best matches of both kinds together, best first. */
export function mergeMatches(lists: Match[][], limit = 5): Match[] {
  const best = new Map<string, Match>();
  for (const m of lists.flat()) {
    const prev = best.get(m.meta.id);
    if (!prev || m.score > prev.score) best.set(m.meta.id, m);
  }
  return bestFirst(best, limit);
}

interface Waiting {
  q: QueryPrint;
  options: MatchOptions;
  resolve(m: Match[]): void;
  reject(err: unknown): void;
}

/**
 * A streamed index whose queries share passes: a pass reads the whole file, so the checks that
 * arrive while one runs (a page's other images) wait and go together in the next.
 */
export class BatchedSearch {
  private waiting: Waiting[] = [];
  private running = false;

  /**
   * `identity`: names the file's content, so the check cache tells this index's answers apart.
   * `onDamaged`: called when a pass finds the file damaged (its checksum, checked by a resumed
   * search's first pass).
   */
  constructor(private readonly search: StreamedSearch, readonly identity: string, readonly photos: number, private readonly onDamaged?: () => void) {}

  match(q: QueryPrint, options: MatchOptions): Promise<Match[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({q, options, resolve, reject});
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      try {
        // One pass for all: the lowest threshold and largest limit asked, each then cut to its own.
        const threshold = Math.min(...batch.map((w) => w.options.threshold ?? DEFAULT_THRESHOLD));
        const limit = Math.max(...batch.map((w) => w.options.limit ?? 5));
        const found = await this.search.search(batch.map((w) => w.q), {threshold, limit});
        batch.forEach((w, i) => w.resolve(found[i].filter((m) => m.score >= (w.options.threshold ?? DEFAULT_THRESHOLD)).slice(0, w.options.limit ?? 5)));
      } catch (err) {
        if (err instanceof IndexFormatError) this.onDamaged?.();
        for (const w of batch) w.reject(err);
      }
    }
    this.running = false;
  }
}
