#!/usr/bin/env node
// Regenerates tests/fixtures/photos/ from the corpus built by scripts/fetch-corpus.sh:
// 12 varied photos (all under licences that allow redistribution), downscaled to
// 480 px on the long side, JPEG quality 82, plus SOURCES.md.
//   node scripts/make-photo-fixtures.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, '.corpus', 'photos');
const outDir = join(root, 'tests', 'fixtures', 'photos');

// fixture name -> file in .corpus/photos
const PICKS = [
  ['landscape-mountains.jpg', 'lomiri1604-picosdeeuropa_by_aitzol_berasategi.jpg'],
  ['city-night.jpg', 'tabler-matt-barrett-339981-1500.jpg'],
  ['portrait-woman.jpg', 'softuids-kal-visuals.jpg'],
  ['food-pizza.jpg', 'strapiblog-we-love-pizza.jpg'],
  ['interior-living-room.jpg', 'matdash-product-details-1.jpg'],
  ['animal-honey-bee.jpg', 'palapeli-european-honey-bee.jpg'],
  ['nature-ladybird.jpg', 'mate-ladybird.jpg'],
  ['product-camera.jpg', 'vendure-chuttersnap-324234-unsplash.jpg'],
  ['historic-dust-bowl-home.jpg', 'stdlib-dust-bowl-home.jpg'],
  ['lake-boats-sunset.jpg', 'plasma-eveningglow.jpg'],
  ['people-cafe.jpg', 'sbbizcasual-intro.jpg'],
  ['architecture-castle.jpg', 'palapeli-castle-maintenon.jpg'],
];

const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8'));
const byFile = new Map(manifest.map((e) => [e.file, e]));
mkdirSync(outDir, { recursive: true });

const esc = (s) => String(s ?? '—').replaceAll('|', '\\|');
const lines = [
  '# Photo fixtures',
  '',
  'Small copies of real photographs from the corpus built by `scripts/fetch-corpus.sh`',
  '(regenerate with `node scripts/make-photo-fixtures.mjs`): each is downscaled to 480 px on',
  'the long side and re-encoded as JPEG quality 82. Every original comes from a pinned npm or',
  'Debian package under a licence that allows redistribution; the downscaled copies stay under',
  "the original's licence (CC BY / CC BY-SA: credit as below, share-alike for CC BY-SA).",
  '',
  '| file | package | path in package | photographer | licence |',
  '| --- | --- | --- | --- | --- |',
];
for (const [name, src] of PICKS) {
  const e = byFile.get(src);
  if (!e) throw new Error(`${src} is not in the corpus manifest; run scripts/fetch-corpus.sh first`);
  await sharp(join(corpus, src))
    .rotate()
    .resize(480, 480, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 82 })
    .toFile(join(outDir, name));
  lines.push(`| ${name} | \`${esc(e.package)}\` | \`${esc(e.pathInPackage)}\` | ${esc(e.photographer)} | ${esc(e.licence)} |`);
}
writeFileSync(join(outDir, 'SOURCES.md'), lines.join('\n') + '\n');
console.log(`wrote ${PICKS.length} fixtures and SOURCES.md to ${outDir}`);
