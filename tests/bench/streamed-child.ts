// The streamed search of an index file, in its own process (so peak memory is its own):
// npx tsx tests/bench/streamed-child.ts <photos>. Writes the synthetic index file once (.bench/).
import {existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {join, resolve} from 'node:path';
import {decodeImage} from '../../src/cli/decode.js';
import {openStreamedIndex} from '../../src/cli/streamed-index-file.js';
import {encodeIndex, INDEX_FORMAT_VERSION} from '../../src/core/index-file.js';
import {FINGERPRINT_VERSION, prepareQuery, type QueryPrint} from '../../src/core/fingerprint.js';
import {CORPUS_DIR, loadCorpus} from './corpus.js';
import {deriveQuery, type Tier} from './derive.js';
import {mulberry32} from './prng.js';
import {donorFrom, syntheticIndex} from './synthetic-index.js';

const photos = Number(process.argv[2]);
// Named by format and fingerprint version: a file written by an earlier build is not reused (it would be refused).
const file = resolve(import.meta.dirname, `../../.bench/streamed-${photos}-v${INDEX_FORMAT_VERSION}.${FINGERPRINT_VERSION}.cliche`);
if (process.argv[3] === '--write') {
  // Child of the child: the synthetic set (GBs at 10^6) never shares a process with the measurement.
  mkdirSync(resolve(file, '..'), {recursive: true});
  writeFileSync(`${file}.part`, encodeIndex(syntheticIndex(photos)));
  renameSync(`${file}.part`, file);
  process.exit(0);
}
if (!existsSync(file)) execFileSync('node', ['--import', 'tsx', import.meta.filename, String(photos), '--write'], {stdio: 'inherit'});

/** Queries as scale-child.ts cuts them (same seed, same photos): the same 200 it times in memory. */
const QUERIES = 200;
/** Single-query searches timed (each one whole pass over the index). */
const SINGLES = 8;
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 50);
const corpus = loadCorpus().slice(0, donorFrom(loadCorpus().length));
const rng = mulberry32(99);
const prints: QueryPrint[] = [];
for (let i = 0; i < QUERIES; i++) {
  const p = corpus[Math.floor(rng() * corpus.length)];
  const tier: Tier = (['cover', 'hard', 'avatar'] as const)[i % 3];
  const q = await deriveQuery(readFileSync(join(CORPUS_DIR, p.file)), p.width, p.height, tier, rng);
  prints.push(prepareQuery(await decodeImage(q.bytes)));
}
const rssBefore = process.memoryUsage().rss;
let t = performance.now();
const opened = await openStreamedIndex(file);
const openMs = performance.now() - t;
sample();
const singles: number[] = [];
for (let i = 0; i < SINGLES; i++) {
  t = performance.now();
  await opened.search.search([prints[i]], {limit: 1});
  singles.push(performance.now() - t);
  sample();
}
const peakSinglesMB = peakRss / 1048576;
t = performance.now();
const batch = await opened.search.search(prints, {limit: 1});
const batchMs = performance.now() - t;
sample();
clearInterval(timer);
opened.close();
singles.sort((a, b) => a - b);
console.log(JSON.stringify({
  photos,
  fileMB: statSync(file).size / 1048576,
  openMs,
  singleQueryMedianMs: singles[SINGLES >> 1],
  singleQueryMaxMs: singles[SINGLES - 1],
  batch: QUERIES,
  batchMs,
  flaggedQueries: batch.filter((m) => m.length > 0).length,
  rssBeforeOpenMB: rssBefore / 1048576,
  peakRssSinglesMB: peakSinglesMB,
  peakRssMB: peakRss / 1048576,
}));
