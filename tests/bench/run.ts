/**
 * `npm run bench`: accuracy on real photos (with the global-blockhash baseline), speed and scale.
 * A report, not a test: it prints figures and writes them to .bench/report.md.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {decodeIndex} from '../../src/core/index-file.js';
import {DEFAULT_INDEX} from '../../src/cli/load-index.js';
import {formatAccuracy, runAccuracy} from './accuracy.js';
import {buildRate, coverFingerprintMs} from './speed.js';

const SCALES = (process.env.BENCH_SCALES ?? '10000,100000,1000000').split(',').map(Number);
/** Sizes searched in place (streamed-child.ts); the 10^6 file (1.4 GB) is written once under .bench/. */
const STREAMED_SCALES = (process.env.BENCH_STREAMED_SCALES ?? '100000,1000000').split(',').filter(Boolean).map(Number);
/** Query seeds for the accuracy part (default QUERY_SEEDS in accuracy.ts): the first is reported in full. */
const log = (s: string) => process.stderr.write(`${s}\n`);
const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.log(s);
};

say(`# Cliché benchmark, ${new Date().toISOString()}`);
say(`Node ${process.version}, ${process.arch}`);
const defaultBytes = statSync(DEFAULT_INDEX).size;
const defaultPhotos = decodeIndex(readFileSync(DEFAULT_INDEX)).meta.length;
say(`Default index: ${defaultPhotos} photos, ${defaultBytes} bytes, ${Math.round(defaultBytes / defaultPhotos)} bytes per photo`);

say('\n## Accuracy');
const seeds = process.env.BENCH_SEEDS?.split(',').map(Number);
say(formatAccuracy(await runAccuracy({log, seeds})));

say('\n## Speed');
say(`Fingerprinting a decoded 1500x500 cover: ${(await coverFingerprintMs()).toFixed(1)} ms (median of 15)`);
const rate = await buildRate();
say(`Index build from ${rate.photos} 1500-px JPEGs (decode + fingerprint, worker threads): ${rate.perSecond.toFixed(1)} photos/s`);

say('\n## Scale (one process per size; synthetic photos, see tests/bench/synthetic-index.ts)');
say('| photos | windows | lookup tables build | first query | query p50 | query p95 | queries flagged | peak RSS |');
say('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const photos of SCALES) {
  log(`scale ${photos}...`);
  const out = execFileSync('node', ['--import', 'tsx', join(import.meta.dirname, 'scale-child.ts'), String(photos)], {encoding: 'utf8', maxBuffer: 1 << 20});
  const r = JSON.parse(out.trim().split('\n').pop()!);
  say(`| ${r.photos} | ${r.windows} | ${(r.lookupBuildMs / 1000).toFixed(1)} s | ${r.firstQueryMs.toFixed(1)} ms | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.flaggedQueries}/${r.queries} | ${Math.round(r.peakRssMB)} MB |`);
}
say('\n## Large indexes searched in place (`cliche check` up to 256 images; the same 200 queries as above, one process per size)');
say('| photos | index file | open (checks + one pass) | one query alone | 200 queries in one pass | queries flagged | peak RSS (queries prepared first) |');
say('| --- | --- | --- | --- | --- | --- | --- |');
for (const photos of STREAMED_SCALES) {
  log(`streamed ${photos}...`);
  const out = execFileSync('node', ['--import', 'tsx', join(import.meta.dirname, 'streamed-child.ts'), String(photos)], {encoding: 'utf8', maxBuffer: 1 << 20});
  const r = JSON.parse(out.trim().split('\n').pop()!);
  say(`| ${r.photos} | ${Math.round(r.fileMB)} MB | ${(r.openMs / 1000).toFixed(1)} s | ${(r.singleQueryMedianMs / 1000).toFixed(2)} s (median of 8) | ${(r.batchMs / 1000).toFixed(1)} s | ${r.flaggedQueries}/${r.batch} | ${Math.round(r.peakRssMB)} MB (${Math.round(r.rssBeforeOpenMB)} before opening) |`);
}
mkdirSync(join(import.meta.dirname, '../../.bench'), {recursive: true});
writeFileSync(join(import.meta.dirname, '../../.bench/report.md'), `${lines.join('\n')}\n`);
