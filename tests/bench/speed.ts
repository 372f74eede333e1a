/** Speed figures that need no big index: fingerprinting a cover, and index build rate from files. */
import {mkdirSync, readdirSync, existsSync} from 'node:fs';
import {join} from 'node:path';
import sharp from 'sharp';
import {decodeImage} from '../../src/cli/decode.js';
import {fingerprintFiles} from '../../src/cli/fingerprint-pool.js';
import {prepareQuery} from '../../src/core/fingerprint.js';
import {CORPUS_DIR, loadCorpus} from './corpus.js';

const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

/** prepareQuery on a decoded 1500x500 cover (decoding excluded): median of 15 runs. */
export async function coverFingerprintMs(): Promise<number> {
  const photo = loadCorpus()[10];
  const bytes = await sharp(join(CORPUS_DIR, photo.file)).resize(1500, 500, {fit: 'cover'}).jpeg().toBuffer();
  const img = await decodeImage(bytes);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    prepareQuery(img);
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Index build rate (decode + fingerprint on worker threads) over 1500-px JPEGs made from the corpus. */
export async function buildRate(count = 120): Promise<{photos: number; perSecond: number}> {
  const dir = join(import.meta.dirname, '../../.bench/jpeg1500');
  mkdirSync(dir, {recursive: true});
  const photos = loadCorpus().slice(0, count);
  for (const p of photos) {
    const out = join(dir, p.file.replace(/\.[^.]+$/, '.jpg'));
    if (!existsSync(out)) await sharp(join(CORPUS_DIR, p.file)).resize(1500, 1500, {fit: 'inside'}).jpeg({quality: 88}).toFile(out);
  }
  const files = readdirSync(dir).map((f) => join(dir, f));
  const t = performance.now();
  await fingerprintFiles(files, () => {});
  return {photos: files.length, perSecond: files.length / ((performance.now() - t) / 1000)};
}
