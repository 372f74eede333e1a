/** Query -> candidate photos (window lookup + transform consensus) -> verified, scored matches. */
import {smallWindowQuery, type QueryPrint} from './fingerprint.js';
import {ChanceRates} from './chance-rates.js';
import {voteCandidates, VOTING_PHOTOS} from './hough.js';
import {DEFAULT_THRESHOLD, searchHarderBelow} from './threshold.js';
import type {PhotoSet} from './photo-set.js';
import {bestFirst, Verifier, type Match, type MatchOptions, type PhotoVerdict} from './verifier.js';
import {REFINE_ROUNDS, type RefineRounds, type Verdict} from './verify.js';
import {mergeHits, WindowLookup} from './window-lookup.js';

export {MIN_INSIDE, type Match, type MatchOptions} from './verifier.js';

/**
 * Lookup radius for candidate pairs (bits of 64). Wider with four 16-bit chunks (small indexes);
 * with three 21-bit chunks (large indexes) chance pairs sharing a chunk are many more, so tighter.
 */
export const CANDIDATE_DISTANCE = 16;
export const LARGE_INDEX_CANDIDATE_DISTANCE = 12;
/** Photos with the most hit windows that go on to transform consensus and verification. */
export const CANDIDATE_PHOTOS = 8;
/**
 * A small index (four lookup chunks: the default index, a team's own) has cheap lookups, so its
 * seeds refine for more rounds; a large one keeps refinement's default, which its p95 needs. Full
 * accuracy bench (190 photos, small), with the binomial evidence of the time: all tiers 85.4 -> 85.9%
 * (seed 2026, hard 106 -> 110) and 84.3 -> 85.1% (seed 7, cover 166 -> 169), no wrong id or false flag. The same rounds at 10^5
 * photos cost p95 14.3-16.3 -> 20.1-20.2 ms (tests/bench/README.md): not for large indexes.
 */
const SMALL_INDEX_ROUNDS: RefineRounds = {coarse: 4, fine: 3};
export {DEFAULT_THRESHOLD};
/**
 * A small index's lookup also probes chunks one bit off (WindowLookup's nearChunks) for a query at
 * least this wide for its height: a banner (YouTube's 16:9 the squarest), whose footprint holds few
 * windows, so that the lookup must find what few true pairs it has. Accuracy bench
 * (tests/bench/README.md, "Near chunks"): all tiers 90.9 / 89.9 / 88.9 -> 92.1 / 92.2 / 91.7% on
 * seeds 2026 / 7 / 11 (hard 136 -> 141 on seed 2026), no wrong id or false flag; probing every query
 * brought 2 false flags on square crops (0.60 and 0.61) and found nothing more. About 4 ms a query
 * on the 190-photo index. A large index's buckets are too full to probe 21 of them per chunk.
 */
const STRIP_ASPECT = 1.7;
/**
 * A small index votes over this many of the photos with the most hit windows (a large one over
 * VOTING_PHOTOS): with the near-chunk lookup, a zoomed strip's true photo can rank low by hit
 * windows yet hold the strongest cell. Accuracy bench (tests/bench/README.md, "Near chunks"): all
 * tiers 92.1 / 92.2 / 91.7 -> 92.5 / 92.6 / 92.5%, clean; all 190 photos found no more than 96. At
 * 10^5 photos 96 found nothing more (160 against 161 of 200 flagged) for p95 17.2 -> 18.0 ms.
 */
const SMALL_INDEX_VOTING_PHOTOS = 96;

export class Matcher {
  private readonly lookup: WindowLookup;
  /** Four lookup chunks (up to 2^18 windows): cheap lookups, so a wider radius and a harder search. */
  private readonly small: boolean;
  private readonly verifier: Verifier;

  constructor(readonly set: PhotoSet, lookup?: WindowLookup) {
    this.lookup = lookup ?? new WindowLookup(set);
    this.small = this.lookup.chunks === 4;
    // How often each stored window agrees by chance: what a verification's agreement is worth.
    this.verifier = new Verifier(set, new ChanceRates(set), this.small ? SMALL_INDEX_ROUNDS : REFINE_ROUNDS);
  }

  /** A matcher whose lookup tables are built with `await pause()` between slices, for a browser's background. */
  static async build(set: PhotoSet, pause: () => Promise<void>): Promise<Matcher> {
    return new Matcher(set, await WindowLookup.build(set, pause));
  }

  match(q: QueryPrint, options: MatchOptions = {}): Match[] {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const best = new Map<number, Match>();
    const hits = this.hits(q);
    this.verifier.keepBest(q, this.verdictsOf(q, hits, threshold), threshold, best);
    // Second pass, small indexes only (smallWindowQuery): a 16:9 or 3:2 query that flags nothing is
    // searched again with smaller windows. Full accuracy bench (binomial evidence of the time): all tiers 85.9 -> 87.2% (seed 2026,
    // cover 169 -> 171 of 190) and 85.1 -> 85.7% (seed 7), no wrong id or false flag; at 10^5 photos
    // an earlier session measured a p95 of 46-50 ms for it (tests/bench/README.md). Only its added
    // windows are looked up; the first pass's hits are kept.
    const flagged = [...best.values()].some((m) => m.score >= searchHarderBelow(threshold));
    const wide = !flagged && this.small ? smallWindowQuery(q) : null;
    if (wide) this.verifier.keepBest(q, this.verdictsOf(wide, mergeHits(hits, this.hits(wide, q.windows.length)), threshold), threshold, best);
    return bestFirst(best, options.limit);
  }

  /**
   * Every candidate seed that was verified, with its verdict: what match() scores (and the bench
   * studies). `threshold`: the caller's, which decides how long the search keeps trying (see searchHarderBelow).
   */
  verdicts(q: QueryPrint, threshold = DEFAULT_THRESHOLD): PhotoVerdict[] {
    return this.verdictsOf(q, this.hits(q), threshold);
  }

  /** The lookup's hits for q.windows[from...], numbered as in q.windows. */
  private hits(q: QueryPrint, from = 0): Float64Array {
    const nearChunks = this.small && q.workW >= STRIP_ASPECT * q.workH;
    return this.lookup.lookup(q.windows, this.small ? CANDIDATE_DISTANCE : LARGE_INDEX_CANDIDATE_DISTANCE, nearChunks, from);
  }

  private verdictsOf(q: QueryPrint, hits: Float64Array, threshold: number): PhotoVerdict[] {
    return this.verifier.verify(q, voteCandidates(this.set, q, hits, CANDIDATE_PHOTOS, this.small ? SMALL_INDEX_VOTING_PHOTOS : VOTING_PHOTOS), threshold);
  }

  /** Confidence 0..1 of a verdict on `photo` (evidence.ts); 0 with fewer than MIN_INSIDE windows inside. */
  confidence(photo: number, v: Verdict): number {
    return this.verifier.confidence(photo, v);
  }
}
