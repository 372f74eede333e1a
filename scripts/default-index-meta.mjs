// Turns the corpus manifest into the metadata sidecar of the embedded default index:
// library, photographer, page, licence and the package each photo came from.
import {readFileSync, writeFileSync} from 'node:fs';

const [manifestPath, outPath] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const libraryOf = (p) =>
  /unsplash/i.test(p.licence) ? 'Unsplash' : p.package.startsWith('deb:') ? 'Debian wallpapers' : 'Template demo photos';
const rows = manifest.map((p) => ({
  file: p.file,
  id: p.file.replace(/\.[^.]+$/, ''),
  library: libraryOf(p),
  photographer: p.photographer ?? undefined,
  pageUrl: p.sourceUrl ?? undefined,
  licence: p.licence,
  source: `${p.package} ${p.pathInPackage}`,
}));
writeFileSync(outPath, JSON.stringify(rows, null, 1));
console.error(`metadata for ${rows.length} photos -> ${outPath}`);
