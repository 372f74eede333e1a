/** Builds a small index from the photo fixtures (stand-in for public/default-index.cliche in tests). */
import {readdirSync} from 'node:fs';
import {basename, join} from 'node:path';
import {decodeImage} from '../../src/cli/decode.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {fingerprintPhoto} from '../../src/core/fingerprint.js';
import {encodeIndex} from '../../src/core/index-file.js';
import type {PhotoMeta} from '../../src/core/photo-set.js';

export const PHOTO_DIR = join(import.meta.dirname, '../fixtures/photos');
export const FIXTURE_LIBRARY = 'Fixture Stock';

export function fixtureMeta(file: string): PhotoMeta {
  const name = basename(file, '.jpg');
  return {
    id: `fixture:${name}`,
    library: FIXTURE_LIBRARY,
    title: name.replace(/-/g, ' '),
    photographer: 'Test Photographer',
    pageUrl: `https://stock.example/photos/${name}`,
    licence: 'Fixture licence',
    downloads: 2_100_000,
    views: 35_000_000,
  };
}

export const fixturePhotos = () => readdirSync(PHOTO_DIR).filter((f) => f.endsWith('.jpg')).sort();

export async function buildFixtureIndex(): Promise<Uint8Array> {
  const files = fixturePhotos();
  const prints = await Promise.all(files.map(async (f) => fingerprintPhoto(await decodeImage(join(PHOTO_DIR, f)))));
  return encodeIndex(buildPhotoSet(prints, files.map(fixtureMeta)));
}
