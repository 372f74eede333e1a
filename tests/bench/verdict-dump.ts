// Study aid: every verified seed of every accuracy query, as JSON lines, so that scoring rules can be
// compared offline on the same verdicts. npx tsx tests/bench/verdict-dump.ts <seed> [limit] > out.jsonl
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {decodeImage} from '../../src/cli/decode.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {fingerprintPhoto, prepareQuery} from '../../src/core/fingerprint.js';
import {Matcher} from '../../src/core/matcher.js';
import {CORPUS_DIR, loadCorpus, splitCorpus} from './corpus.js';
import {deriveQuery, TIERS} from './derive.js';
import {mulberry32} from './prng.js';

const seed = Number(process.argv[2] ?? 2026);
const limit = process.argv[3] ? Number(process.argv[3]) : undefined;
const {indexed, heldOut} = splitCorpus(loadCorpus().slice(0, limit));
const prints = [];
for (const p of indexed) prints.push(fingerprintPhoto(await decodeImage(join(CORPUS_DIR, p.file))));
const matcher = new Matcher(buildPhotoSet(prints, indexed.map((p) => ({id: p.file}))));
const rng = mulberry32(seed);
const onlyTiers = process.env.TIERS?.split(',');
for (const [list, inIndex] of [[indexed, true], [heldOut, false]] as const) {
  for (const photo of list) {
    const bytes = readFileSync(join(CORPUS_DIR, photo.file));
    for (const tier of TIERS) {
      const q = await deriveQuery(bytes, photo.width, photo.height, tier, rng);
      // Every query is derived (the random sequence stays the same), only the chosen tiers matched.
      if (onlyTiers && !onlyTiers.includes(tier)) continue;
      const verdicts = matcher.verdicts(prepareQuery(await decodeImage(q.bytes)));
      const seeds = verdicts.map(({photo: p, verdict: v}) => ({id: matcher.set.meta[p].id, windows: matcher.set.windowCount[p], d: v.distances}));
      console.log(JSON.stringify({tier, inIndex, truth: photo.file, recipe: q.recipe, seeds}));
    }
  }
}
