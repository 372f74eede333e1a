// Where recall is lost: search vs verification at the true transform, per tier and banner.
//   SEED=7 npx tsx tests/bench/at-truth.ts [limit]
// The same photos, split and queries as accuracy.ts for that seed (2026 unless SEED says). For every query of an indexed
// photo it verifies the true photo at the transform the query was cut with: a query that passes
// there but is missed by the search is lost to the lookup and voting; one that fails there is
// lost to the evidence (too few windows inside, or hidden ones).
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {decodeImage} from '../../src/cli/decode.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {fingerprintPhoto, prepareQuery, smallWindowQuery} from '../../src/core/fingerprint.js';
import {DEFAULT_THRESHOLD, Matcher} from '../../src/core/matcher.js';
import {verifyAt} from '../../src/core/verify.js';
import {CORPUS_DIR, loadCorpus, splitCorpus} from './corpus.js';
import {deriveQuery, TIERS} from './derive.js';
import {mulberry32} from './prng.js';

const {indexed, heldOut} = splitCorpus(loadCorpus().slice(0, process.argv[2] ? Number(process.argv[2]) : undefined));
const prints = [];
for (const p of indexed) prints.push(fingerprintPhoto(await decodeImage(readFileSync(join(CORPUS_DIR, p.file)))));
const set = buildPhotoSet(prints, indexed.map((p) => ({id: p.file})));
const matcher = new Matcher(set);

interface Row {
  queries: number;
  found: number;
  passAtTruth: number;
  missedButPass: number;
  /** Of those, how many the search verified no seed of at all (lost to lookup and voting, not refinement). */
  noSeed: number;
  fewWindows: number;
}
const rows = new Map<string, Row>();
const row = (key: string) => rows.get(key) ?? rows.set(key, {queries: 0, found: 0, passAtTruth: 0, missedButPass: 0, noSeed: 0, fewWindows: 0}).get(key)!;
const rng = mulberry32(Number(process.env.SEED ?? 2026));
for (const [list, inIndex] of [[indexed, true], [heldOut, false]] as const) {
  for (const [n, photo] of list.entries()) {
    const bytes = readFileSync(join(CORPUS_DIR, photo.file));
    for (const tier of TIERS) {
      // Held-out photos' queries are derived too, only so the random stream matches accuracy.ts.
      const q = await deriveQuery(bytes, photo.width, photo.height, tier, rng);
      if (!inIndex) continue;
      const print = prepareQuery(await decodeImage(q.bytes));
      const [top] = matcher.match(print, {limit: 1});
      const found = top?.meta.id === photo.file;
      const toWork = set.workW[n] / set.width[n];
      const [x, y, w] = q.truth;
      const verdict = verifyAt(set, n, print, {scale: (w * toWork) / print.workW, dx: x * toWork, dy: y * toWork});
      const pass = matcher.confidence(n, verdict) >= DEFAULT_THRESHOLD;
      const banner = tier === 'cover' || tier === 'hard' ? ` ${q.recipe.split(' ')[1]}` : '';
      for (const key of new Set([tier, tier + banner])) {
        const r = row(key);
        r.queries++;
        if (found) r.found++;
        if (pass) r.passAtTruth++;
        if (pass && !found) {
          r.missedButPass++;
          // Either pass of the search (the second, smaller windows, as match() may run it).
          const wide = smallWindowQuery(print);
          const verdicts = [...matcher.verdicts(print), ...(wide ? matcher.verdicts(wide) : [])];
          if (!verdicts.some((v) => v.photo === n)) r.noSeed++;
        }
        // So few windows (fine ones included) that even all agreeing exactly would not reach the threshold.
        const allAgreeing = {...verdict, distances: verdict.distances.map(() => 0), fineDistances: verdict.fineDistances.map(() => 0)};
        if (matcher.confidence(n, allAgreeing) < DEFAULT_THRESHOLD) r.fewWindows++;
      }
    }
  }
}
console.log('| tier / banner | queries | found by search | pass at the true transform | of those, missed by search | of those, with no seed verified | too few windows inside to pass |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const [key, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`| ${key} | ${r.queries} | ${r.found} | ${r.passAtTruth} | ${r.missedButPass} | ${r.noSeed} | ${r.fewWindows} |`);
}
