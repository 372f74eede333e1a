/**
 * Seeds -> verified, scored matches: refinement of each candidate transform and the evidence of its
 * agreeing windows. Shared by the in-memory Matcher and the streamed search of a large index, which
 * find their seeds differently but must judge them the same way.
 */
import type {QueryPrint} from './fingerprint.js';
import type {ChanceRates} from './chance-rates.js';
import {confidenceOfSurprise, surpriseOf} from './evidence.js';
import type {Candidate} from './hough.js';
import type {PhotoMeta, PhotoSet} from './photo-set.js';
import type {Similarity} from './similarity.js';
import {DEFAULT_THRESHOLD, searchHarderBelow} from './threshold.js';
import {refine, restarts, type RefineRounds, type Verdict} from './verify.js';

/**
 * The strongest seeds refined may be rescaled about their pivot when they do not agree (refine's
 * `rescale`); later ones rarely are the true photo. Full accuracy bench: rescaling every seed found
 * the same queries for 1.8x the window hashes of rescaling the first 3; at 10^5 photos the first 3
 * cost p95 14.4 -> 15.9 ms (200 queries, interleaved in one process).
 */
const RESCALED_SEEDS = 3;
/** Seeds with fewer votes than this share of the strongest are not verified (sorted, so we stop). */
const WEAK_SEED_SHARE = 0.2;
/**
 * A refined verdict scoring at least this but under searchHarderBelow(the caller's threshold) gets
 * restarts (verify.ts). Accuracy
 * bench (tests/bench/README.md, "Restarts about the agreeing windows"): from 0.1, all tiers
 * 89.5 / 89.1 / 87.6 -> 90.9 / 89.9 / 88.9% on seeds 2026 / 7 / 11 with no wrong id or false flag;
 * from 0.2 a query less. At 10^5 photos p95 unchanged within the noise (15.3-16.4 vs 16.3-17.7 ms).
 */
const RESTART_FROM = 0.1;
/** Verification needs at least this many indexed windows inside the footprint. */
export const MIN_INSIDE = 3;

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

/** A refined verdict on a photo and its confidence (scored once, when verified). */
export type PhotoVerdict = {photo: number; verdict: Verdict; score: number};

export class Verifier {
  constructor(readonly set: PhotoSet, private readonly rates: ChanceRates, private readonly rounds: RefineRounds) {}

  /**
   * Each seed worth refining (strongest first, sorted by votes), refined: what match() scores. A
   * verdict under searchHarderBelow(threshold) gets restarts.
   */
  verify(q: QueryPrint, seeds: Candidate[], threshold = DEFAULT_THRESHOLD): PhotoVerdict[] {
    const restartBelow = searchHarderBelow(threshold);
    const floor = (seeds[0]?.votes ?? 0) * WEAK_SEED_SHARE;
    const out: PhotoVerdict[] = [];
    const {workW, workH} = this.set;
    for (const cand of seeds) {
      if (cand.votes < floor) break;
      const place = (t: Similarity) => keepInside(t, q, workW[cand.photo], workH[cand.photo]);
      const start = place(cand.transform);
      // A second seed in the basin of one already refined would climb to the same answer: half of
      // a true match's verification time went to refining it twice.
      if (out.some((o) => o.photo === cand.photo && sameBasin(o.verdict.transform, start, q))) continue;
      const rescale = cand.pivot && out.length < RESCALED_SEEDS ? {pivot: cand.pivot, place} : undefined;
      const verdict = refine(this.set, cand.photo, q, start, rescale, this.rounds);
      const score = this.confidence(cand.photo, verdict);
      out.push({photo: cand.photo, verdict, score});
      if (score >= RESTART_FROM && score < restartBelow) {
        for (const v of restarts(this.set, cand.photo, q, verdict, place, this.rounds)) out.push({photo: cand.photo, verdict: v, score: this.confidence(cand.photo, v)});
      }
    }
    return out;
  }

  /** Confidence 0..1 of a verdict on `photo` (evidence.ts); 0 with fewer than MIN_INSIDE windows inside. */
  confidence(photo: number, v: Verdict): number {
    if (v.inside < MIN_INSIDE) return 0;
    return confidenceOfSurprise(surpriseOf(v, photo, this.rates));
  }

  /** Adds to `best` (one match per photo, its best) the verdicts scoring at least `threshold`. */
  keepBest(q: QueryPrint, verdicts: PhotoVerdict[], threshold: number, best: Map<number, Match>): void {
    for (const {photo, verdict, score} of verdicts) {
      const prev = best.get(photo);
      if (score >= threshold && (!prev || score > prev.score)) best.set(photo, this.toMatch(photo, verdict, q, score));
    }
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

/** The matches in `best`, best first, at most `limit`. */
export function bestFirst(best: Map<unknown, Match>, limit = 5): Match[] {
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
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
