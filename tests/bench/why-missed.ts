// Where do positives fail (no hits, rank, weak at the true transform, consensus)? npx tsx tests/bench/why-missed.ts <photo dir>
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {decodeImage} from '../../src/cli/decode.js';
import {fingerprintPhoto, prepareQuery} from '../../src/core/fingerprint.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {Matcher, confidence, CANDIDATE_DISTANCE} from '../../src/core/matcher.js';
import {photoOfWindow} from '../../src/core/photo-set.js';
import {surprise} from '../../src/core/evidence.js';
import {voteCandidates} from '../../src/core/hough.js';
import {WindowLookup} from '../../src/core/window-lookup.js';
import {verifyAt, refine} from '../../src/core/verify.js';
import {deriveQuery, TIERS} from './derive.js';
import {mulberry32} from './prng.js';
const dir = process.argv[2];
const files = readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort();
const prints = [];
for (const f of files) prints.push(fingerprintPhoto(await decodeImage(join(dir, f))));
const set = buildPhotoSet(prints, files.map((id) => ({id})));
const matcher = new Matcher(set);
const lookup = new WindowLookup(set);
const rng = mulberry32(3);
const cat: Record<string, Record<string, number>> = {};
for (let p = 0; p < files.length; p++) {
  const buf = readFileSync(join(dir, files[p]));
  for (const tier of TIERS) {
    const q = await deriveQuery(buf, set.width[p], set.height[p], tier, rng);
    const qp = prepareQuery(await decodeImage(q.bytes));
    const hits = {indexWindow: [] as number[], queryWindow: [] as number[], distance: [] as number[]};
    lookup.lookup(qp.windows, CANDIDATE_DISTANCE, hits);
    const per = new Map<number, Set<number>>();
    hits.indexWindow.forEach((w) => { const ph = photoOfWindow(set, w); if (!per.has(ph)) per.set(ph, new Set()); per.get(ph)!.add(w); });
    const rank = voteCandidates(set, qp, hits, 1000).findIndex((c) => c.photo === p);
    const k = set.workW[p] / set.width[p];
    const truthT = {scale: (q.truth[2] * k) / qp.workW, dx: q.truth[0] * k, dy: q.truth[1] * k};
    const atTruth = refine(set, p, qp, truthT);
    const all = matcher.match(qp, {threshold: 0, limit: 20});
    const m = all.find((x) => x.photo === p);
    let c: string;
    if (m && m.score >= 0.5 && m === all[0]) c = 'ok';
    else if (rank < 0) c = 'no-hits';
    else if (rank >= 12) c = 'rank>12';
    else if (confidence(atTruth) < 0.5) c = `weak-at-truth`;
    else c = 'consensus/verify';
    (cat[tier] ??= {})[c] = ((cat[tier] ??= {})[c] ?? 0) + 1;
    if (c !== 'ok' && process.env.V) console.log(tier, c, q.recipe, `hits=${per.get(p)?.size ?? 0} rank=${rank} truth=${atTruth.agreeing}/${atTruth.inside} surprise=${surprise(atTruth.agreeing, atTruth.inside).toFixed(1)} got=${m ? m.score.toFixed(2) + ' ' + m.agreeing + '/' + m.inside : '-'}`);
  }
}
console.log(cat);
