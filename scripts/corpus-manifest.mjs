#!/usr/bin/env node
// Usage: node scripts/corpus-manifest.mjs <photosDir> <candidates.tsv>
//
// Called by scripts/fetch-corpus.sh after it copied the selected photos into
// <photosDir>. candidates.tsv has one line per copied file:
//   file  package  pathInPackage  photographer  sourceUrl  licence   ("-" = null)
// This script measures each photo with sharp, deletes those smaller than
// MIN_SHORT_SIDE on the short side, deletes identical / near-identical copies
// (the same photo shipped twice at different sizes: the largest is kept) and
// writes <photosDir>/manifest.json.
import { readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';

const MIN_SHORT_SIDE = 640;
const THUMB = 16; // 16x16 greyscale thumbnails for the near-duplicate check
const MAX_MEAN_ABS_DIFF = 8; // 0..255 scale, averaged over the 256 pixels
const MIN_CORRELATION = 0.9; // guards against merging two different dark/flat photos

const [dir, candidatesPath] = process.argv.slice(2);
if (!dir || !candidatesPath) {
  console.error('usage: corpus-manifest.mjs <photosDir> <candidates.tsv>');
  process.exit(2);
}

const orNull = (s) => (s === undefined || s === '' || s === '-' ? null : s);
const rows = readFileSync(candidatesPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [file, pkg, pathInPackage, photographer, sourceUrl, licence] = l.split('\t');
    return { file, package: pkg, pathInPackage, licence, photographer: orNull(photographer), sourceUrl: orNull(sourceUrl) };
  });

sharp.cache(false);
const log = (msg) => console.error(`[corpus-manifest] ${msg}`);

async function measure(row) {
  const path = join(dir, row.file);
  const buf = readFileSync(path);
  const meta = await sharp(buf, { limitInputPixels: false }).metadata();
  let { width, height } = meta;
  if ((meta.orientation ?? 1) >= 5) [width, height] = [height, width]; // EXIF-rotated
  const thumb = await sharp(buf, { limitInputPixels: false })
    .rotate()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(THUMB, THUMB, { fit: 'fill' })
    .raw()
    .toBuffer();
  const sha = createHash('sha256').update(buf).digest('hex');
  return { ...row, width, height, thumb, sha };
}

function similar(a, b) {
  if (a.sha === b.sha) return true;
  const n = a.thumb.length;
  let diff = 0, ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { diff += Math.abs(a.thumb[i] - b.thumb[i]); ma += a.thumb[i]; mb += b.thumb[i]; }
  if (diff / n > MAX_MEAN_ABS_DIFF) return false;
  ma /= n; mb /= n;
  let cov = 0, va = 0, vb = 0;
  for (let i = 0; i < n; i++) {
    const da = a.thumb[i] - ma, db = b.thumb[i] - mb;
    cov += da * db; va += da * da; vb += db * db;
  }
  if (va === 0 || vb === 0) return va === vb; // both perfectly flat
  return cov / Math.sqrt(va * vb) >= MIN_CORRELATION;
}

// Measure with a small worker pool (sharp decodes on libuv threads).
const measured = new Array(rows.length);
let next = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < rows.length) {
      const i = next++;
      try {
        measured[i] = await measure(rows[i]);
      } catch (err) {
        log(`cannot read ${rows[i].file}: ${err.message}; dropped`);
        unlinkSync(join(dir, rows[i].file));
      }
    }
  }),
);

let tooSmall = 0, dups = 0;
const big = [];
for (const m of measured) {
  if (!m) continue;
  if (Math.min(m.width, m.height) < MIN_SHORT_SIDE) {
    log(`too small (${m.width}x${m.height}): ${m.file}`);
    unlinkSync(join(dir, m.file));
    tooSmall++;
  } else big.push(m);
}

// Largest first (stable for ties), so the first copy kept of each photo is the largest one.
const order = big.map((m, i) => [m, i]).sort((a, b) => b[0].width * b[0].height - a[0].width * a[0].height || a[1] - b[1]);
const kept = [];
for (const [m] of order) {
  const same = kept.find((k) => similar(k, m));
  if (same) {
    log(`duplicate of ${same.file}: ${m.file} (${m.width}x${m.height})`);
    unlinkSync(join(dir, m.file));
    dups++;
  } else kept.push(m);
}

const manifest = kept
  .map(({ file, package: pkg, pathInPackage, licence, photographer, sourceUrl, width, height }) => ({
    file, package: pkg, pathInPackage, licence, photographer, sourceUrl, width, height,
  }))
  .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

const perPkg = {};
for (const m of manifest) perPkg[m.package] = (perPkg[m.package] ?? 0) + 1;
for (const [pkg, n] of Object.entries(perPkg).sort()) log(`${String(n).padStart(4)}  ${pkg}`);
log(`${rows.length} candidates, ${tooSmall} too small, ${dups} duplicates, ${manifest.length} photos in manifest.json`);
