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
/**
 * Timed queries, after WARMUP untimed ones (cut from the same photos with another seed). The first
 * queries after loading run cold code on cold memory: at 10^5 photos the first took 87 ms and the
 * second 14-17 ms of lookup alone, against 2-5 ms after (`.bench/slowq.ts`), so with 60 cold queries
 * p95 (their 3rd slowest) measured start-up as much as search. The first query's time is reported
 * apart (firstQueryMs): it is what the first check after an index loads pays.
 */
const QUERIES = 200;
const WARMUP = 10;
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 50);

// Queries are cut first and kept encoded (a few MB), so they add next to nothing to the index's memory.
// Queries come from the photos that donate no synthetic codes (see synthetic-index.ts).
const corpus = loadCorpus().slice(0, donorFrom(loadCorpus().length));
/** Derived query images, encoded (small): each is decoded and fingerprinted just before its match, untimed. */
async function cutQueries(count: number, seed: number): Promise<Buffer[]> {
  const rng = mulberry32(seed);
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const p = corpus[Math.floor(rng() * corpus.length)];
    const tier: Tier = (['cover', 'hard', 'avatar'] as const)[i % 3];
    const q = await deriveQuery(readFileSync(join(CORPUS_DIR, p.file)), p.width, p.height, tier, rng);
    out.push(q.bytes);
  }
  return out;
}
const warmup = await cutQueries(WARMUP, 7);
const queries = await cutQueries(QUERIES, 99);
const rssBefore = process.memoryUsage().rss;
let t = performance.now();
const set = syntheticIndex(photos);
const synthMs = performance.now() - t;
t = performance.now();
const matcher = new Matcher(set);
const loadMs = performance.now() - t;
sample();
let firstQueryMs = 0;
const print = async (bytes: Buffer): Promise<QueryPrint> => prepareQuery(await decodeImage(bytes));
for (const [i, bytes] of warmup.entries()) {
  const q = await print(bytes);
  const t1 = performance.now();
  matcher.match(q, {limit: 1});
  if (i === 0) firstQueryMs = performance.now() - t1;
}
const times: number[] = [];
let found = 0;
for (const bytes of queries) {
  const q = await print(bytes);
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
    firstQueryMs,
    p50: times[Math.floor(times.length * 0.5)],
    p95: times[Math.floor(times.length * 0.95)],
    flaggedQueries: found,
    queries: QUERIES,
    peakRssMB: peakRss / 1048576,
    indexRssMB: (peakRss - rssBefore) / 1048576,
  }),
);
