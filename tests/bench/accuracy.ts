/**
 * Accuracy on real photos: index the corpus's indexed part, derive four tiers of queries from every
 * photo (indexed and held out), and count hits, wrong ids and false flags, next to the global
 * blockhash baseline measured on the same queries.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {decodeImage} from '../../src/cli/decode.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {fingerprintPhoto, prepareQuery} from '../../src/core/fingerprint.js';
import {DEFAULT_THRESHOLD, Matcher} from '../../src/core/matcher.js';
import {BASELINE_MAX_DISTANCE, globalHash, nearestGlobal} from './baseline.js';
import {CORPUS_DIR, loadCorpus, splitCorpus} from './corpus.js';
import {deriveQuery, TIERS, type Tier} from './derive.js';
import {mulberry32} from './prng.js';

export interface TierCounts {
  queries: number;
  found: number;
  wrongId: number;
  baselineFound: number;
  negatives: number;
  falseFlags: number;
  baselineFalseFlags: number;
}

/** One query seed's queries: counts per tier and the scores that make the threshold sweep. */
export interface SeedResult {
  seed: number;
  tiers: Record<Tier, TierCounts>;
  /** Per positive query: the true photo's score when it ranked first, else 0; and the wrong photo's score when one ranked first. */
  positiveScores: number[];
  wrongScores: number[];
  negativeScores: number[];
  misses: string[];
  /** Intersection-over-union of the reported region with the true one, per correct match. */
  ious: number[];
  queryMs: number[];
}

export interface AccuracyReport extends SeedResult {
  indexedPhotos: number;
  heldOutPhotos: number;
  windowsPerPhoto: number;
  /** Median of `ious`. */
  medianRegionIoU: number;
  fingerprintMsPerPhoto: number;
  /** Every seed's queries, the first being the one detailed above. */
  seeds: SeedResult[];
}

/**
 * Query seeds: the first is reported in full; the others are derived from the same photos and
 * searched in the same index. One seed's 384 held-out queries met "no false flag" where another's
 * did not (tests/bench/README.md), so the claim is checked on all of them.
 */
export const QUERY_SEEDS = [2026, 7, 11];

function iou(a: number[], b: number[]): number {
  const x0 = Math.max(a[0], b[0]);
  const y0 = Math.max(a[1], b[1]);
  const x1 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y1 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return inter / (a[2] * a[3] + b[2] * b[3] - inter);
}

interface Corpus {
  indexed: {file: string; width: number; height: number}[];
  heldOut: {file: string; width: number; height: number}[];
  matcher: Matcher;
  globals: Uint8Array[];
}

export async function runAccuracy(opts: {limit?: number; seeds?: number[]; log?: (s: string) => void} = {}): Promise<AccuracyReport> {
  const log = opts.log ?? (() => {});
  const {indexed, heldOut} = splitCorpus(loadCorpus().slice(0, opts.limit));
  const prints = [];
  const globals: Uint8Array[] = [];
  const t0 = performance.now();
  for (const p of indexed) {
    const img = await decodeImage(join(CORPUS_DIR, p.file));
    prints.push(fingerprintPhoto(img));
    globals.push(globalHash(img));
  }
  const fingerprintMsPerPhoto = (performance.now() - t0) / indexed.length;
  log(`indexed ${indexed.length} photos (${fingerprintMsPerPhoto.toFixed(0)} ms each incl. decode + baseline hash)`);
  const corpus: Corpus = {indexed, heldOut, globals, matcher: new Matcher(buildPhotoSet(prints, indexed.map((p) => ({id: p.file}))))};
  const seeds: SeedResult[] = [];
  for (const seed of opts.seeds ?? QUERY_SEEDS) seeds.push(await querySeed(corpus, seed, log));
  const first = seeds[0];
  const ious = [...first.ious].sort((a, b) => a - b);
  return {
    ...first,
    indexedPhotos: indexed.length,
    heldOutPhotos: heldOut.length,
    windowsPerPhoto: prints.reduce((n, p) => n + p.slots.length, 0) / prints.length,
    medianRegionIoU: ious[ious.length >> 1] ?? 0,
    fingerprintMsPerPhoto,
    seeds,
  };
}

/** Derives the four tiers of queries from every photo with `seed` and searches each. */
async function querySeed({indexed, heldOut, matcher, globals}: Corpus, seed: number, log: (s: string) => void): Promise<SeedResult> {
  const tiers = Object.fromEntries(
    TIERS.map((t) => [t, {queries: 0, found: 0, wrongId: 0, baselineFound: 0, negatives: 0, falseFlags: 0, baselineFalseFlags: 0}]),
  ) as Record<Tier, TierCounts>;
  const result: SeedResult = {seed, tiers, positiveScores: [], wrongScores: [], negativeScores: [], misses: [], ious: [], queryMs: []};
  const rng = mulberry32(seed);
  let done = 0;
  for (const [list, inIndex] of [[indexed, true], [heldOut, false]] as const) {
    for (const photo of list) {
      const bytes = readFileSync(join(CORPUS_DIR, photo.file));
      for (const tier of TIERS) {
        const q = await deriveQuery(bytes, photo.width, photo.height, tier, rng);
        const img = await decodeImage(q.bytes);
        const t1 = performance.now();
        const [top] = matcher.match(prepareQuery(img), {threshold: 0, limit: 1});
        result.queryMs.push(performance.now() - t1);
        const flagged = top && top.score >= DEFAULT_THRESHOLD;
        const base = nearestGlobal(globalHash(img), globals);
        const baseFlag = base.distance <= BASELINE_MAX_DISTANCE;
        const c = tiers[tier];
        if (inIndex) {
          c.queries++;
          const right = top?.meta.id === photo.file;
          result.positiveScores.push(right ? top.score : 0);
          result.wrongScores.push(top && !right ? top.score : 0);
          if (flagged && right) {
            c.found++;
            result.ious.push(iou(top.region, q.truth));
          } else if (flagged) c.wrongId++;
          if (!(flagged && right)) result.misses.push(`${tier} ${photo.file}: ${q.recipe} -> ${top ? `${top.meta.id} ${top.score.toFixed(2)} (${top.agreeing}/${top.inside})` : 'no candidate'}`);
          if (baseFlag && indexed[base.index].file === photo.file) c.baselineFound++;
        } else {
          c.negatives++;
          result.negativeScores.push(top?.score ?? 0);
          if (flagged) {
            c.falseFlags++;
            result.misses.push(`FALSE FLAG ${tier} ${photo.file}: ${q.recipe} -> ${top.meta.id} ${top.score.toFixed(2)} (${top.agreeing}/${top.inside})`);
          }
          if (baseFlag) c.baselineFalseFlags++;
        }
      }
      if (++done % 20 === 0) log(`seed ${seed}: queried ${done}/${indexed.length + heldOut.length} photos`);
    }
  }
  return result;
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
const quantile = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};

export function formatAccuracy(r: AccuracyReport): string {
  const lines = [
    `Accuracy: ${r.indexedPhotos} indexed real photos, ${r.heldOutPhotos} held out; ${r.windowsPerPhoto.toFixed(1)} windows per photo`,
    '| tier | queries | recall | wrong id | baseline recall | held-out queries | false flags | baseline false flags |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const all = {queries: 0, found: 0, wrongId: 0, baselineFound: 0, negatives: 0, falseFlags: 0, baselineFalseFlags: 0};
  for (const [tier, c] of Object.entries(r.tiers)) {
    for (const k of Object.keys(all) as (keyof TierCounts)[]) all[k] += c[k];
    lines.push(`| ${tier} | ${c.queries} | ${pct(c.found, c.queries)} | ${c.wrongId} | ${pct(c.baselineFound, c.queries)} | ${c.negatives} | ${c.falseFlags} | ${c.baselineFalseFlags} |`);
  }
  lines.push(`| all | ${all.queries} | ${pct(all.found, all.queries)} | ${all.wrongId} | ${pct(all.baselineFound, all.queries)} | ${all.negatives} | ${all.falseFlags} | ${all.baselineFalseFlags} |`);
  lines.push(
    `Median IoU of reported region vs truth: ${r.medianRegionIoU.toFixed(3)}`,
    `Score of the true photo (positives): p5 ${quantile(r.positiveScores, 0.05).toFixed(2)}, p10 ${quantile(r.positiveScores, 0.1).toFixed(2)}, median ${quantile(r.positiveScores, 0.5).toFixed(2)}`,
    `Best score on held-out queries: median ${quantile(r.negativeScores, 0.5).toFixed(2)}, p99 ${quantile(r.negativeScores, 0.99).toFixed(2)}, max ${quantile(r.negativeScores, 1).toFixed(2)}`,
    `Threshold sweep (all tiers): ${[0.5, 0.6, 0.7]
      .map((t) => `${t}: recall ${pct(r.positiveScores.filter((s) => s >= t).length, r.positiveScores.length)}, wrong ids ${r.wrongScores.filter((s) => s >= t).length}, false flags ${r.negativeScores.filter((s) => s >= t).length}`)
      .join('; ')}`,
    `Query time on the accuracy index (${r.indexedPhotos} photos, excl. decode): p50 ${quantile(r.queryMs, 0.5).toFixed(1)} ms, p95 ${quantile(r.queryMs, 0.95).toFixed(1)} ms`,
  );
  if (r.seeds.length > 1) lines.push('', ...formatSeeds(r.seeds));
  return lines.join('\n');
}

/** One row per query seed, then all seeds pooled: recall per tier, wrong ids, false flags, best held-out score. */
function formatSeeds(seeds: SeedResult[]): string[] {
  const row = (label: string, list: SeedResult[]) => {
    const sum = (tier: Tier | null, k: keyof TierCounts) => list.reduce((n, s) => n + TIERS.filter((t) => !tier || t === tier).reduce((m, t) => m + s.tiers[t][k], 0), 0);
    const recall = (tier: Tier | null) => pct(sum(tier, 'found'), sum(tier, 'queries'));
    const best = Math.max(...list.flatMap((s) => s.negativeScores));
    return `| ${label} | ${TIERS.map(recall).join(' | ')} | ${recall(null)} | ${sum(null, 'wrongId')} | ${sum(null, 'falseFlags')} of ${sum(null, 'negatives')} | ${best.toFixed(3)} |`;
  };
  return [
    `Every query seed (the same photos and index, threshold ${DEFAULT_THRESHOLD}; the first is the one above):`,
    `| query seed | ${TIERS.join(' | ')} | all tiers | wrong ids | false flags | best held-out score |`,
    `| --- | ${TIERS.map(() => '---').join(' | ')} | --- | --- | --- | --- |`,
    ...seeds.map((s) => row(String(s.seed), [s])),
    row('all seeds', seeds),
  ];
}
