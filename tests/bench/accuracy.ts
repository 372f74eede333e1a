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

export interface AccuracyReport {
  indexedPhotos: number;
  heldOutPhotos: number;
  windowsPerPhoto: number;
  tiers: Record<Tier, TierCounts>;
  /** Median intersection-over-union of the reported region with the true one, over correct matches. */
  medianRegionIoU: number;
  /** Per positive query: the true photo's score when it ranked first, else 0; and the wrong photo's score when one ranked first. */
  positiveScores: number[];
  wrongScores: number[];
  negativeScores: number[];
  misses: string[];
  fingerprintMsPerPhoto: number;
  queryMs: number[];
}

function iou(a: number[], b: number[]): number {
  const x0 = Math.max(a[0], b[0]);
  const y0 = Math.max(a[1], b[1]);
  const x1 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y1 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return inter / (a[2] * a[3] + b[2] * b[3] - inter);
}

export async function runAccuracy(opts: {limit?: number; seed?: number; log?: (s: string) => void} = {}): Promise<AccuracyReport> {
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
  const matcher = new Matcher(buildPhotoSet(prints, indexed.map((p) => ({id: p.file}))));
  const tiers = Object.fromEntries(
    TIERS.map((t) => [t, {queries: 0, found: 0, wrongId: 0, baselineFound: 0, negatives: 0, falseFlags: 0, baselineFalseFlags: 0}]),
  ) as Record<Tier, TierCounts>;
  const report: AccuracyReport = {
    indexedPhotos: indexed.length,
    heldOutPhotos: heldOut.length,
    windowsPerPhoto: prints.reduce((n, p) => n + p.slots.length, 0) / prints.length,
    tiers,
    medianRegionIoU: 0,
    positiveScores: [],
    wrongScores: [],
    negativeScores: [],
    misses: [],
    fingerprintMsPerPhoto,
    queryMs: [],
  };
  const ious: number[] = [];
  const rng = mulberry32(opts.seed ?? 2026);
  let done = 0;
  for (const [list, inIndex] of [[indexed, true], [heldOut, false]] as const) {
    for (const photo of list) {
      const bytes = readFileSync(join(CORPUS_DIR, photo.file));
      for (const tier of TIERS) {
        const q = await deriveQuery(bytes, photo.width, photo.height, tier, rng);
        const img = await decodeImage(q.bytes);
        const t1 = performance.now();
        const [top] = matcher.match(prepareQuery(img), {threshold: 0, limit: 1});
        report.queryMs.push(performance.now() - t1);
        const flagged = top && top.score >= DEFAULT_THRESHOLD;
        const base = nearestGlobal(globalHash(img), globals);
        const baseFlag = base.distance <= BASELINE_MAX_DISTANCE;
        const c = tiers[tier];
        if (inIndex) {
          c.queries++;
          const right = top?.meta.id === photo.file;
          report.positiveScores.push(right ? top.score : 0);
          report.wrongScores.push(top && !right ? top.score : 0);
          if (flagged && right) {
            c.found++;
            ious.push(iou(top.region, q.truth));
          } else if (flagged) c.wrongId++;
          if (!(flagged && right)) report.misses.push(`${tier} ${photo.file}: ${q.recipe} -> ${top ? `${top.meta.id} ${top.score.toFixed(2)} (${top.agreeing}/${top.inside})` : 'no candidate'}`);
          if (baseFlag && indexed[base.index].file === photo.file) c.baselineFound++;
        } else {
          c.negatives++;
          report.negativeScores.push(top?.score ?? 0);
          if (flagged) {
            c.falseFlags++;
            report.misses.push(`FALSE FLAG ${tier} ${photo.file}: ${q.recipe} -> ${top.meta.id} ${top.score.toFixed(2)} (${top.agreeing}/${top.inside})`);
          }
          if (baseFlag) c.baselineFalseFlags++;
        }
      }
      if (++done % 20 === 0) log(`queried ${done}/${indexed.length + heldOut.length} photos`);
    }
  }
  ious.sort((a, b) => a - b);
  report.medianRegionIoU = ious[ious.length >> 1] ?? 0;
  return report;
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
  return lines.join('\n');
}
