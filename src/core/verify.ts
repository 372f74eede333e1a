/**
 * Verification: given a candidate photo and transform, re-hash the query exactly where each of the
 * photo's indexed windows falls and count how many agree. A true match agrees on most windows not
 * hidden by an overlay; a chance candidate on almost none. Also refines the transform locally.
 */
import type {QueryPrint} from './fingerprint.js';
import {median, type Pivot} from './hough.js';
import type {PhotoSet} from './photo-set.js';
import type {Similarity} from './similarity.js';
import {fineCodeOf, fineDistance, TileHasher, hamming64, type Code64} from './tile-hash.js';
import {fineSlots, tileSlots, type Rect} from './tile-layout.js';

/** A window agrees when its re-hashed code is within this many bits of the indexed one. */
export const VERIFY_DISTANCE = 20;
/** A fine window (16-bit code) agrees when its re-hashed code is within this many bits of the stored one. */
export const FINE_DISTANCE = 2;
/**
 * A sampled fine window within FINE_DISTANCE + 1 bits adds this much strength per bit closer (24
 * at 0 bits, like a 64-bit window 4 bits away). Accuracy bench (tests/bench/README.md,
 * "Verification-only fine windows"): filling refinement's sample with fine windows where the 64-bit
 * ones are too few found 0.2-0.3 points more on each seed at 6 per bit, less at 12.
 */
const FINE_STRENGTH = 6;
/** Windows closer than this add to the refinement objective, the closer the more. */
const STRENGTH_DISTANCE = VERIFY_DISTANCE + 8;
/** A seed whose sampled windows agree less than this is not refined (chance candidates). */
const MIN_SEED_AGREEING = 3;
/** Refinement rounds at the coarse (3%) and fine (1.5%) steps: at most, each stops once no move helps. */
export interface RefineRounds {
  coarse: number;
  fine: number;
}
export const REFINE_ROUNDS: RefineRounds = {coarse: 2, fine: 2};
/** Refinement steers on at most this many windows, spread over the footprint; the final count uses all. */
const REFINE_SAMPLE = 24;
/**
 * A seed whose sampled windows agree at least this share refines at the fine step only. Full corpus
 * (tests/bench/README.md): same recall in every tier and the same sweep at 0.6, region IoU 0.985 ->
 * 0.983, 22% fewer window hashes per query (807 -> 633 at 10^4 photos).
 */
const STRONG_SEED_SHARE = 0.75;
/**
 * Scales tried, about the seed's pivot, for a seed whose sampled windows do not agree (see Pivot in
 * hough.ts). Full accuracy bench (tests/bench/README.md), with refinement's reach of about 6%: all
 * tiers 84.3 -> 85.4% (seed 2026) and 82.9 -> 84.3% (seed 7), no wrong id or false flag in either.
 */
const RESCALE_FACTORS = [0.8, 0.87, 0.93, 1.07, 1.15, 1.25];
/** Refinement steps: scale factors (1 + step) and shifts of step x the footprint's short side. */
const COARSE_STEP = 0.03;
const FINE_STEP = 0.015;
/** How far (fraction of its size) the query may seem to reach outside the photo before it is implausible. */
const OUTSIDE_TOLERANCE = 0.06;

export interface Verdict {
  transform: Similarity;
  /** Indexed windows lying inside the query's footprint, and how many of them agree. */
  inside: number;
  agreeing: number;
  /** Sum over inside windows of max(0, STRENGTH_DISTANCE - distance): the refinement objective. */
  strength: number;
  /** Each window checked (its number in the set) and its Hamming distance, in the order checked; only for a full check (no sample). */
  windows: number[];
  distances: number[];
  /** The same for the fine windows (counted in inside and agreeing too): only a full check has them. */
  fineWindows: number[];
  fineDistances: number[];
}

const hasher = new TileHasher();
const code: Code64 = {hi: 0, lo: 0};

export function verifyAt(set: PhotoSet, photo: number, q: QueryPrint, t: Similarity, sample = 0): Verdict {
  const workW = set.workW[photo];
  const workH = set.workH[photo];
  const footW = t.scale * q.workW;
  const footH = t.scale * q.workH;
  const verdict: Verdict = {transform: t, inside: 0, agreeing: 0, strength: 0, windows: [], distances: [], fineWindows: [], fineDistances: []};
  const outX = OUTSIDE_TOLERANCE * footW;
  const outY = OUTSIDE_TOLERANCE * footH;
  if (t.dx < -outX || t.dy < -outY || t.dx + footW > workW + outX || t.dy + footH > workH + outY) return verdict;
  const slots = tileSlots(workW, workH);
  const first = set.firstWindow[photo];
  const count = set.windowCount[photo];
  const inside: number[] = [];
  for (let i = first; i < first + count; i++) if (isInside(slots[set.slots[i]], t, footW, footH)) inside.push(i);
  const step = sample > 0 && inside.length > sample ? inside.length / sample : 1;
  for (let k = 0; k < inside.length; k += step) {
    const i = inside[Math.floor(k)];
    const r = slots[set.slots[i]];
    hasher.hash(q.integral, (r.x - t.dx) / t.scale, (r.y - t.dy) / t.scale, r.w / t.scale, r.h / t.scale, code);
    const d = hamming64(code.hi, code.lo, set.hi[i], set.lo[i]);
    verdict.inside++;
    // Refinement's sampled checks run by the dozen per seed: only the final, full one keeps distances.
    if (sample === 0) {
      verdict.windows.push(i);
      verdict.distances.push(d);
    }
    if (d <= VERIFY_DISTANCE) verdict.agreeing++;
    if (d < STRENGTH_DISTANCE) verdict.strength += STRENGTH_DISTANCE - d;
  }
  if (sample === 0) checkFine(set, photo, q, verdict, footW, footH);
  // A thin, zoomed footprint holds fewer 64-bit windows than the sample: fine windows fill it, so
  // that refinement has something to steer on (see FINE_STRENGTH).
  else if (inside.length < sample) checkFine(set, photo, q, verdict, footW, footH, sample - inside.length);
  return verdict;
}

/** Within the footprint (the query's rectangle in the photo), but for a sliver of the window. */
function isInside(r: Rect, t: Similarity, footW: number, footH: number): boolean {
  const slack = 0.02;
  if (r.x < t.dx - slack * r.w || r.y < t.dy - slack * r.h) return false;
  return r.x + r.w <= t.dx + footW + slack * r.w && r.y + r.h <= t.dy + footH + slack * r.h;
}

/**
 * The fine windows inside the footprint, re-hashed and compared: all of them in a full check, at
 * most `sample` (spread over the footprint) in one of refinement's sampled checks, where each adds
 * to the strength instead of keeping its distance.
 */
function checkFine(set: PhotoSet, photo: number, q: QueryPrint, verdict: Verdict, footW: number, footH: number, sample = 0): void {
  const t = verdict.transform;
  const slots = fineSlots(set.workW[photo], set.workH[photo]);
  const first = set.fineFirst[photo];
  const inside: number[] = [];
  for (let i = first; i < first + set.fineCount[photo]; i++) if (isInside(slots[set.fineSlots[i]], t, footW, footH)) inside.push(i);
  const step = sample > 0 && inside.length > sample ? inside.length / sample : 1;
  for (let k = 0; k < inside.length; k += step) {
    const i = inside[Math.floor(k)];
    const r = slots[set.fineSlots[i]];
    hasher.hash(q.integral, (r.x - t.dx) / t.scale, (r.y - t.dy) / t.scale, r.w / t.scale, r.h / t.scale, code);
    const d = fineDistance(fineCodeOf(code.hi), set.fine[i]);
    verdict.inside++;
    if (d <= FINE_DISTANCE) verdict.agreeing++;
    if (sample > 0) {
      verdict.strength += Math.max(0, FINE_DISTANCE + 2 - d) * FINE_STRENGTH;
      continue;
    }
    verdict.fineWindows.push(i);
    verdict.fineDistances.push(d);
  }
}

/** A seed's pivot, and how to place a transform tried from it (e.g. shifted inside the photo). */
export interface Rescale {
  pivot: Pivot;
  place: (t: Similarity) => Similarity;
}

/**
 * Coordinate descent on scale and offsets, keeping whatever raises the agreement strength. With
 * `rescale`, a seed that does not agree is first tried at other scales about its pivot.
 */
export function refine(set: PhotoSet, photo: number, q: QueryPrint, start: Similarity, rescale?: Rescale, rounds: RefineRounds = REFINE_ROUNDS): Verdict {
  let best = verifyAt(set, photo, q, start, REFINE_SAMPLE);
  if (rescale && best.agreeing < MIN_SEED_AGREEING) best = bestRescaled(set, photo, q, best, rescale);
  // Chance candidates agree on nothing near their seed: not worth steering.
  if (best.agreeing < MIN_SEED_AGREEING) return best;
  // A seed already agreeing on most of its sampled windows sits within the fine step of its best
  // transform: the coarse step only spends hashes (see STRONG_SEED_SHARE).
  const strong = best.agreeing >= STRONG_SEED_SHARE * best.inside;
  for (const step of strong ? [FINE_STEP] : [COARSE_STEP, FINE_STEP]) {
    let improved = true;
    const maxRounds = step === COARSE_STEP ? rounds.coarse : rounds.fine;
    for (let round = 0; improved && round < maxRounds; round++) {
      improved = false;
      const t = best.transform;
      const shift = step * t.scale * Math.min(q.workW, q.workH);
      const tries: Similarity[] = [
        {...t, dx: t.dx + shift},
        {...t, dx: t.dx - shift},
        {...t, dy: t.dy + shift},
        {...t, dy: t.dy - shift},
        scaleAbout(t, q, 1 + step),
        scaleAbout(t, q, 1 / (1 + step)),
      ];
      for (const cand of tries) {
        const v = verifyAt(set, photo, q, cand, REFINE_SAMPLE);
        if (v.strength > best.strength) {
          best = v;
          improved = true;
        }
      }
    }
  }
  return verifyAt(set, photo, q, best.transform);
}

/** The seed at each of RESCALE_FACTORS about its pivot: the sampled verdict with the most strength, `seed` if none has more. */
function bestRescaled(set: PhotoSet, photo: number, q: QueryPrint, seed: Verdict, rescale: Rescale): Verdict {
  const [best] = rescaledTries(set, photo, q, seed.transform.scale, rescale);
  return best && best.strength > seed.strength ? best : seed;
}

/** Sampled verdicts at each of RESCALE_FACTORS x `scale` about the pivot, strongest first. */
function rescaledTries(set: PhotoSet, photo: number, q: QueryPrint, scale: number, {pivot, place}: Rescale): Verdict[] {
  const tries = RESCALE_FACTORS.map((factor) => {
    const s = scale * factor;
    return verifyAt(set, photo, q, place({scale: s, dx: pivot.px - s * pivot.qx, dy: pivot.py - s * pivot.qy}), REFINE_SAMPLE);
  });
  return tries.sort((a, b) => b.strength - a.strength);
}

/**
 * Restarts for a refined verdict that agrees in part but does not pass: refinement climbs from its
 * seed by small steps, and a seed 10-25% off the true scale often stops on a ridge that agrees on a
 * patch of the footprint. Rescaled about the centre of the windows that do agree (that patch is
 * right; its distance to the rest is what the scale gets wrong), the RESTARTS strongest, refined.
 */
export function restarts(set: PhotoSet, photo: number, q: QueryPrint, v: Verdict, place: (t: Similarity) => Similarity, rounds: RefineRounds): Verdict[] {
  const pivot = agreementCentre(set, photo, v);
  if (!pivot) return [];
  const tries = rescaledTries(set, photo, q, v.transform.scale, {pivot, place});
  return tries
    .slice(0, RESTARTS)
    .filter((t) => t.agreeing >= MIN_SEED_AGREEING)
    .map((t) => refine(set, photo, q, t.transform, undefined, rounds));
}

/** Restarts refined per verdict (see restarts): the best 2 found 4-6 more queries per seed than the best 1. */
const RESTARTS = 2;

/** The median centre of a full verdict's agreeing windows (fine ones too), in the photo and the query; null under two. */
function agreementCentre(set: PhotoSet, photo: number, v: Verdict): Pivot | null {
  const xs: number[] = [];
  const ys: number[] = [];
  const add = (r: Rect) => {
    xs.push(r.x + r.w / 2);
    ys.push(r.y + r.h / 2);
  };
  const slots = tileSlots(set.workW[photo], set.workH[photo]);
  v.windows.forEach((w, k) => v.distances[k] <= VERIFY_DISTANCE && add(slots[set.slots[w]]));
  const fine = fineSlots(set.workW[photo], set.workH[photo]);
  v.fineWindows.forEach((w, k) => v.fineDistances[k] <= FINE_DISTANCE && add(fine[set.fineSlots[w]]));
  if (xs.length < 2) return null;
  const t = v.transform;
  const px = median(xs);
  const py = median(ys);
  return {px, py, qx: (px - t.dx) / t.scale, qy: (py - t.dy) / t.scale};
}

/** Rescale around the query's centre, so a scale step does not also shift the footprint. */
function scaleAbout(t: Similarity, q: QueryPrint, factor: number): Similarity {
  const cx = q.workW / 2;
  const cy = q.workH / 2;
  const scale = t.scale * factor;
  return {scale, dx: t.dx + (t.scale - scale) * cx, dy: t.dy + (t.scale - scale) * cy};
}
