/** Query -> candidate photos (window lookup + transform consensus) -> verified, scored matches. */
import {smallWindowQuery, type QueryPrint} from './fingerprint.js';
import {ChanceRates} from './chance-rates.js';
import {confidenceOfSurprise, surpriseOf} from './evidence.js';
import {voteCandidates} from './hough.js';
import {DEFAULT_THRESHOLD} from './threshold.js';
import type {PhotoMeta, PhotoSet} from './photo-set.js';
import type {Similarity} from './similarity.js';
import {REFINE_ROUNDS, refine, type RefineRounds, type Verdict} from './verify.js';
import {WindowLookup} from './window-lookup.js';

/** Lookup radius for candidate pairs (bits of 64). */
/**
 * Lookup radius for candidate pairs (bits of 64). Wider with four 16-bit chunks (small indexes);
 * with three 21-bit chunks (large indexes) chance pairs sharing a chunk are many more, so tighter.
 */
export const CANDIDATE_DISTANCE = 16;
export const LARGE_INDEX_CANDIDATE_DISTANCE = 12;
/** Photos with the most hit windows that go on to transform consensus and verification. */
const CANDIDATE_PHOTOS = 8;
/**
 * The strongest seeds refined may be rescaled about their pivot when they do not agree (refine's
 * `rescale`); later ones rarely are the true photo. Full accuracy bench: rescaling every seed found
 * the same queries for 1.8x the window hashes of rescaling the first 3; at 10^5 photos the first 3
 * cost p95 14.4 -> 15.9 ms (200 queries, interleaved in one process).
 */
const RESCALED_SEEDS = 3;
/**
 * A small index (four lookup chunks: the default index, a team's own) has cheap lookups, so its
 * seeds refine for more rounds; a large one keeps refinement's default, which its p95 needs. Full
 * accuracy bench (190 photos, small), with the binomial evidence of the time: all tiers 85.4 -> 85.9%
 * (seed 2026, hard 106 -> 110) and 84.3 -> 85.1% (seed 7, cover 166 -> 169), no wrong id or false flag. The same rounds at 10^5
 * photos cost p95 14.3-16.3 -> 20.1-20.2 ms (tests/bench/README.md): not for large indexes.
 */
const SMALL_INDEX_ROUNDS: RefineRounds = {coarse: 4, fine: 3};
/** Seeds with fewer votes than this share of the strongest are not verified (sorted, so we stop). */
const WEAK_SEED_SHARE = 0.2;
/** Verification needs at least this many indexed windows inside the footprint. */
export const MIN_INSIDE = 3;
export {DEFAULT_THRESHOLD};

export interface Match {
  /** Photo number in the searched set, and its metadata. */
  photo: number;
  meta: PhotoMeta;
  /** 0..1: how unlikely it is that an unrelated photo agrees this well (see evidence.ts). */
  score: number;
  /** The query's rectangle in the stock photo's pixels: [x, y, w, h]. */
  region: [number, number, number, number];
  /**
   * Windows checked and windows agreeing within VERIFY_DISTANCE (what refinement steers on); the
   * score counts those within RATED_DISTANCE, each weighed by its chance rate (evidence.ts).
   */
  inside: number;
  agreeing: number;
}

export interface MatchOptions {
  threshold?: number;
  /** At most this many matches, best first. */
  limit?: number;
}

export class Matcher {
  private readonly lookup: WindowLookup;
  /** How often each stored window agrees by chance: what a verification's agreement is worth. */
  private readonly rates: ChanceRates;
  /** Four lookup chunks (up to 2^18 windows): cheap lookups, so a wider radius and a harder search. */
  private readonly small: boolean;

  constructor(readonly set: PhotoSet, lookup?: WindowLookup) {
    this.lookup = lookup ?? new WindowLookup(set);
    this.small = this.lookup.chunks === 4;
    this.rates = new ChanceRates(set);
  }

  /** A matcher whose lookup tables are built with `await pause()` between slices, for a browser's background. */
  static async build(set: PhotoSet, pause: () => Promise<void>): Promise<Matcher> {
    return new Matcher(set, await WindowLookup.build(set, pause));
  }

  match(q: QueryPrint, options: MatchOptions = {}): Match[] {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const best = new Map<number, Match>();
    const keep = (verdicts: {photo: number; verdict: Verdict}[]) => {
      for (const {photo, verdict} of verdicts) {
        const score = this.confidence(photo, verdict);
        const prev = best.get(photo);
        if (score >= threshold && (!prev || score > prev.score)) best.set(photo, this.toMatch(photo, verdict, q, score));
      }
    };
    keep(this.verdicts(q));
    // Second pass, small indexes only (smallWindowQuery): a 16:9 or 3:2 query that flags nothing is
    // searched again with smaller windows. Full accuracy bench (binomial evidence of the time): all tiers 85.9 -> 87.2% (seed 2026,
    // cover 169 -> 171 of 190) and 85.1 -> 85.7% (seed 7), no wrong id or false flag; at 10^5 photos
    // an earlier session measured a p95 of 46-50 ms for it (tests/bench/README.md). It looks the first
    // pass's windows up again with the new ones: on a small index that lookup is the cheap part.
    const flagged = [...best.values()].some((m) => m.score >= Math.max(threshold, DEFAULT_THRESHOLD));
    const wide = !flagged && this.small ? smallWindowQuery(q) : null;
    if (wide) keep(this.verdicts(wide));
    const matches = [...best.values()];
    matches.sort((a, b) => b.score - a.score);
    return matches.slice(0, options.limit ?? 5);
  }

  /** Every candidate seed that was verified, with its verdict: what match() scores (and the bench studies). */
  verdicts(q: QueryPrint): {photo: number; verdict: Verdict}[] {
    const hits = this.lookup.lookup(q.windows, this.small ? CANDIDATE_DISTANCE : LARGE_INDEX_CANDIDATE_DISTANCE);
    const rounds = this.small ? SMALL_INDEX_ROUNDS : REFINE_ROUNDS;
    const seeds = voteCandidates(this.set, q, hits, CANDIDATE_PHOTOS);
    const floor = (seeds[0]?.votes ?? 0) * WEAK_SEED_SHARE;
    const out: {photo: number; verdict: Verdict}[] = [];
    const {workW, workH} = this.set;
    for (const cand of seeds) {
      if (cand.votes < floor) break;
      const place = (t: Similarity) => keepInside(t, q, workW[cand.photo], workH[cand.photo]);
      const start = place(cand.transform);
      // A second seed in the basin of one already refined would climb to the same answer: half of
      // a true match's verification time went to refining it twice.
      if (out.some((o) => o.photo === cand.photo && sameBasin(o.verdict.transform, start, q))) continue;
      const rescale = cand.pivot && out.length < RESCALED_SEEDS ? {pivot: cand.pivot, place} : undefined;
      out.push({photo: cand.photo, verdict: refine(this.set, cand.photo, q, start, rescale, rounds)});
    }
    return out;
  }

  /** Confidence 0..1 of a verdict on `photo` (evidence.ts); 0 with fewer than MIN_INSIDE windows inside. */
  confidence(photo: number, v: Verdict): number {
    if (v.inside < MIN_INSIDE) return 0;
    return confidenceOfSurprise(surpriseOf(v, photo, this.rates));
  }

  private toMatch(photo: number, v: Verdict, q: QueryPrint, score: number): Match {
    const {set} = this;
    const toSource = set.width[photo] / set.workW[photo];
    const t = v.transform;
    const x0 = Math.max(0, t.dx * toSource);
    const y0 = Math.max(0, t.dy * toSource);
    const x1 = Math.min(set.width[photo], (t.dx + t.scale * q.workW) * toSource);
    const y1 = Math.min(set.height[photo], (t.dy + t.scale * q.workH) * toSource);
    const region: Match['region'] = [Math.round(x0), Math.round(y0), Math.round(x1 - x0), Math.round(y1 - y0)];
    return {photo, meta: set.meta[photo], score, region, inside: v.inside, agreeing: v.agreeing};
  }
}

/** Seeds closer than this (log-scale, and fraction of the footprint's height in offset) share a basin. */
const SAME_BASIN = 0.05;

function sameBasin(a: Similarity, b: Similarity, q: QueryPrint): boolean {
  const unit = SAME_BASIN * a.scale * q.workH;
  return Math.abs(Math.log(a.scale / b.scale)) < SAME_BASIN && Math.abs(a.dx - b.dx) < unit && Math.abs(a.dy - b.dy) < unit;
}

/** Shifts a seed transform so the query's footprint lies inside the photo where it can. */
function keepInside(t: Similarity, q: QueryPrint, workW: number, workH: number): Similarity {
  const footW = t.scale * q.workW;
  const footH = t.scale * q.workH;
  const dx = footW > workW ? t.dx : Math.min(Math.max(t.dx, 0), workW - footW);
  const dy = footH > workH ? t.dy : Math.min(Math.max(t.dy, 0), workH - footH);
  return {scale: t.scale, dx, dy};
}
