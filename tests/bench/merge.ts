/**
 * `npm run bench:merge`: `cliche index merge` of 10^6 synthetic photos (4 shards of 250,000, the
 * shape of a sharded build), timed end to end as a user runs it: a fresh process, files on disk.
 * The shards are made once and kept in .bench/merge/ (1.5 GB), since making them takes minutes.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, rmSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {FINGERPRINT_VERSION} from '../../src/core/fingerprint.js';
import {encodeIndex, INDEX_FORMAT_VERSION} from '../../src/core/index-file.js';
import {writeFileAtomic} from '../../src/cli/files.js';
import {syntheticIndex} from './synthetic-index.js';

const SHARDS = Number(process.env.BENCH_MERGE_SHARDS ?? 4);
const PER_SHARD = Number(process.env.BENCH_MERGE_PHOTOS ?? 1_000_000) / SHARDS;
const RUNS = Number(process.env.BENCH_MERGE_RUNS ?? 2);
const dir = join(import.meta.dirname, '../../.bench/merge');
const bin = join(import.meta.dirname, '../../src/cli/bin.js');
const log = (s: string) => process.stderr.write(`${s}\n`);

mkdirSync(dir, {recursive: true});
// Named by format and fingerprint version: shards written by an earlier build are not reused (they would be refused).
const shards = Array.from({length: SHARDS}, (_, i) => join(dir, `shard-${PER_SHARD}-${i + 1}-v${INDEX_FORMAT_VERSION}.${FINGERPRINT_VERSION}.cliche`));
shards.forEach((file, i) => {
  if (existsSync(file)) return;
  log(`making ${file}...`);
  const set = syntheticIndex(PER_SHARD, i + 1);
  // Distinct ids per shard, as a sharded build gives (synthetic ids restart in every shard).
  set.meta = set.meta.map((m, p) => ({...m, id: `shard${i + 1}:${m.id}:${p}`}));
  writeFileAtomic(file, encodeIndex(set));
});
const out = join(dir, 'merged.cliche');
const inputBytes = shards.reduce((n, f) => n + statSync(f).size, 0);
for (let run = 1; run <= RUNS; run++) {
  rmSync(out, {force: true});
  const t = performance.now();
  execFileSync('node', [bin, 'index', 'merge', ...shards, '--out', out], {stdio: ['ignore', 'ignore', 'inherit']});
  const seconds = (performance.now() - t) / 1000;
  console.log(`index merge of ${SHARDS * PER_SHARD} photos (${SHARDS} files, ${(inputBytes / 1e9).toFixed(2)} GB): ${seconds.toFixed(1)} s (run ${run})`);
}
rmSync(out, {force: true});
