// Diagnostic: hash robustness at the true transform vs best chance candidate. npx tsx tests/bench/diag.ts <dir>
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {decodeImage} from '../../src/cli/decode.js';
import {fingerprintPhoto, prepareQuery} from '../../src/core/fingerprint.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {Matcher, confidence} from '../../src/core/matcher.js';
import {verifyAt} from '../../src/core/verify.js';
import {deriveQuery, TIERS} from './derive.js';
import {mulberry32} from './prng.js';

const dir = process.argv[2];
const files = readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort();
const indexed = files.filter((_, i) => i % 3 !== 0);
const held = files.filter((_, i) => i % 3 === 0);
const prints = [];
for (const f of indexed) prints.push(fingerprintPhoto(await decodeImage(join(dir, f))));
const set = buildPhotoSet(prints, indexed.map((id) => ({id})));
const matcher = new Matcher(set);
const rng = mulberry32(11);
const truthFrac: Record<string, number[]> = {};
const negBest: number[] = [];
let found = 0, total = 0;
for (const [list, positive] of [[indexed, true], [held, false]] as const) {
  for (const f of list) {
    const buf = readFileSync(join(dir, f));
    const img = await decodeImage(buf);
    for (const tier of TIERS) {
      const q = await deriveQuery(buf, img.width, img.height, tier, rng);
      const qp = prepareQuery(await decodeImage(q.bytes));
      const m = matcher.match(qp, {threshold: 0, limit: 50});
      if (positive) {
        const p = indexed.indexOf(f);
        const k = set.workW[p] / set.width[p];
        const scale = (q.truth[2] * k) / qp.workW;
        const v = verifyAt(set, p, qp, {scale, dx: q.truth[0] * k, dy: q.truth[1] * k});
        (truthFrac[tier] ??= []).push(v.inside ? v.agreeing / v.inside : -1);
        total++;
        if (m.some((x) => x.photo === p && x.score > 0)) found++;
      } else {
        negBest.push(m[0]?.score ?? 0);
      }
    }
  }
}
const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor(p * (a.length - 1))].toFixed(2);
for (const [t, a] of Object.entries(truthFrac)) console.log(t, 'truth agree p10', q(a, 0.1), 'p25', q(a, 0.25), 'p50', q(a, 0.5), 'min', q(a, 0));
console.log('neg best score p50', q(negBest, 0.5), 'p90', q(negBest, 0.9), 'max', q(negBest, 1));
console.log(`true photo among scored candidates: ${found}/${total}`);
