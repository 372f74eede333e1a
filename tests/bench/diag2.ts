// Distance distributions: true window pairs at the true transform vs impostor pairs.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {decodeImage} from '../../src/cli/decode.js';
import {fingerprintPhoto, prepareQuery} from '../../src/core/fingerprint.js';
import {TileHasher, hamming64} from '../../src/core/tile-hash.js';
import {tileSlots} from '../../src/core/tile-layout.js';
import {deriveQuery, TIERS} from './derive.js';
import {mulberry32} from './prng.js';
const dir = process.argv[2];
const files = readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort().slice(0, 30);
const rng = mulberry32(5);
const hasher = new TileHasher();
const code = {hi: 0, lo: 0};
const trueD: Record<string, number[]> = {}; const impD: number[] = [];
const prints = [];
for (const f of files) prints.push(fingerprintPhoto(await decodeImage(join(dir, f))));
for (let p = 0; p < files.length; p++) {
  const buf = readFileSync(join(dir, files[p]));
  const pr = prints[p];
  for (const tier of TIERS) {
    const q = await deriveQuery(buf, pr.width, pr.height, tier, rng);
    const qp = prepareQuery(await decodeImage(q.bytes));
    const k = pr.workW / pr.width; const scale = (q.truth[2] * k) / qp.workW; const dx = q.truth[0] * k, dy = q.truth[1] * k;
    const slots = tileSlots(pr.workW, pr.workH);
    for (let i = 0; i < pr.slots.length; i++) {
      const r = slots[pr.slots[i]];
      if (r.x < dx || r.y < dy || r.x + r.w > dx + scale * qp.workW || r.y + r.h > dy + scale * qp.workH) continue;
      hasher.hash(qp.integral, (r.x - dx) / scale, (r.y - dy) / scale, r.w / scale, r.h / scale, code);
      const key = tier === 'hard' ? 'hard-' + q.recipe.split(', ').slice(-2)[0] + (/text ([12][0-9]|30)%/.test(q.recipe) ? '+T' : '') : tier;
      (trueD[key] ??= []).push(hamming64(code.hi, code.lo, pr.hi[i], pr.lo[i]));
      // impostor: same query window vs a window of another photo
      const o = prints[(p + 1 + Math.floor(rng() * (files.length - 1))) % files.length];
      const j = Math.floor(rng() * o.slots.length);
      impD.push(hamming64(code.hi, code.lo, o.hi[j], o.lo[j]));
    }
  }
}
const cdf = (a: number[], t: number) => ((a.filter((d) => d <= t).length / a.length) * 100).toFixed(2);
for (const T of [8, 12, 16, 18, 20, 22]) console.log(`T=${T}`, Object.entries(trueD).map(([k, a]) => `${k} ${cdf(a, T)}%`).join(' '), `| impostor ${cdf(impD, T)}%`);
