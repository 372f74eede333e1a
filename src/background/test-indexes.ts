/** Small real index files for the background's tests: one seeded-noise photo per id (fingerprinted by core). */
import {buildPhotoSet} from '../core/build-photo-set.js';
import {fingerprintPhoto} from '../core/fingerprint.js';
import {encodeIndex} from '../core/index-file.js';

function noise(seed: number, width = 96, height = 64) {
  const data = new Uint8Array(width * height * 4);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = (i & 3) === 3 ? 255 : s & 255;
  }
  return {data, width, height};
}

/** An index file holding one photo per id, as an ArrayBuffer (what IndexedDB and fetch hand over). */
export function indexFile(ids: string[], library = 'Test Stock'): ArrayBuffer {
  const prints = ids.map((_, i) => fingerprintPhoto(noise(i + 1)));
  const bytes = encodeIndex(buildPhotoSet(prints, ids.map((id) => ({id, library}))));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The same file with one byte of its body flipped: the CRC-32 no longer matches. */
export function corrupt(file: ArrayBuffer): ArrayBuffer {
  const copy = file.slice(0);
  const bytes = new Uint8Array(copy);
  bytes[bytes.length - 2] ^= 0xff;
  return copy;
}
