// One scale point in its own process (so peak memory is its own): npx tsx tests/bench/scale-child.ts <photos>
import {readFileSync} from 'node:fs';
import {decodeImage} from '../../src/cli/decode.js';
import {prepareQuery, type QueryPrint} from '../../src/core/fingerprint.js';
import {Matcher} from '../../src/core/matcher.js';
import {CORPUS_DIR, loadCorpus} from './corpus.js';
import {deriveQuery, type Tier} from './derive.js';
import {mulberry32} from './prng.js';
import {donorFrom, syntheticIndex} from './synthetic-index.js';
import {join} from 'node:path';

const photos = Number(process.argv[2]);
const QUERIES = 60;
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 50);

// Queries first, so their decoding does not count in the index's memory.
// Queries come from the photos that donate no synthetic codes (see synthetic-index.ts).
const corpus = loadCorpus().slice(0, donorFrom(loadCorpus().length));
const rng = mulberry32(99);
const queries: QueryPrint[] = [];
for (let i = 0; i < QUERIES; i++) {
  const p = corpus[Math.floor(rng() * corpus.length)];
  const tier: Tier = (['cover', 'hard', 'avatar'] as const)[i % 3];
  const q = await deriveQuery(readFileSync(join(CORPUS_DIR, p.file)), p.width, p.height, tier, rng);
  queries.push(prepareQuery(await decodeImage(q.bytes)));
}
const rssBefore = process.memoryUsage().rss;
let t = performance.now();
const set = syntheticIndex(photos);
const synthMs = performance.now() - t;
t = performance.now();
const matcher = new Matcher(set);
const loadMs = performance.now() - t;
sample();
const times: number[] = [];
let found = 0;
for (const q of queries) {
  const t1 = performance.now();
  const m = matcher.match(q, {limit: 1});
  times.push(performance.now() - t1);
  if (m.length) found++;
}
sample();
clearInterval(timer);
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    photos,
    windows: set.hi.length,
    synthMs,
    lookupBuildMs: loadMs,
    p50: times[Math.floor(times.length * 0.5)],
    p95: times[Math.floor(times.length * 0.95)],
    flaggedQueries: found,
    queries: QUERIES,
    peakRssMB: peakRss / 1048576,
    indexRssMB: (peakRss - rssBefore) / 1048576,
  }),
);
