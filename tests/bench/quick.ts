// Quick accuracy probe on a folder: npx tsx tests/bench/quick.ts <dir> [perTier]
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {decodeImage} from '../../src/cli/decode.js';
import {fingerprintPhoto, prepareQuery} from '../../src/core/fingerprint.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {Matcher} from '../../src/core/matcher.js';
import {deriveQuery, TIERS} from './derive.js';
import {mulberry32} from './prng.js';

const dir = process.argv[2];
const files = readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort();
const indexed = files.filter((_, i) => i % 4 !== 0);
const held = files.filter((_, i) => i % 4 === 0);
const prints = [];
let t0 = performance.now();
for (const f of indexed) prints.push(fingerprintPhoto(await decodeImage(join(dir, f))));
console.log(`fingerprinted ${indexed.length} in ${(performance.now() - t0).toFixed(0)} ms, windows/photo ${(prints.reduce((n, p) => n + p.slots.length, 0) / prints.length).toFixed(1)}`);
const set = buildPhotoSet(prints, indexed.map((id) => ({id})));
const matcher = new Matcher(set);
const rng = mulberry32(7);
const stats: Record<string, {n: number; ok: number; wrong: number; ff: number; neg: number}> = {};
let qt = 0, qn = 0;
for (const [list, positive] of [[indexed, true], [held, false]] as const) {
  for (const f of list) {
    const buf = readFileSync(join(dir, f));
    const img = await decodeImage(buf);
    for (const tier of TIERS) {
      const q = await deriveQuery(buf, img.width, img.height, tier, rng);
      const s = (stats[tier] ??= {n: 0, ok: 0, wrong: 0, ff: 0, neg: 0});
      const t1 = performance.now();
      const qp = prepareQuery(await decodeImage(q.bytes));
      const m = matcher.match(qp, {threshold: 0});
      qt += performance.now() - t1; qn++;
      const top = m[0];
      if (positive) {
        s.n++;
        if (top && top.meta.id === f && top.score >= 0.5) s.ok++;
        else if (top && top.score >= 0.5) s.wrong++;
        if (!(top && top.meta.id === f && top.score >= 0.5)) console.log(`MISS ${tier} ${f} ${q.recipe} windows=${qp.windows.length} top=${top ? `${top.meta.id} ${top.score.toFixed(2)} ${top.agreeing}/${top.inside}` : '-'}`);
        else if (process.env.V) console.log(`ok ${tier} ${top.score.toFixed(2)} ${top.agreeing}/${top.inside}`);
      } else {
        s.neg++;
        if (top && top.score >= 0.5) { s.ff++; console.log(`FALSE ${tier} ${f} -> ${top.meta.id} ${top.score.toFixed(2)} ${top.agreeing}/${top.inside}`); }
        if (top && process.env.V) console.log(`neg ${tier} best ${top.score.toFixed(2)} ${top.agreeing}/${top.inside}`);
      }
    }
  }
}
console.log(stats, `mean query ${(qt / qn).toFixed(1)} ms`);
