/** Reads an index file for the CLI, or the embedded default index. */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {decodeIndex, IndexFormatError} from '../core/index-file.js';
import type {PhotoSet} from '../core/photo-set.js';
import {FatalError} from './args.js';

export const DEFAULT_INDEX = fileURLToPath(new URL('../../public/default-index.cliche', import.meta.url));

export function readIndexBytes(path: string = DEFAULT_INDEX): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const hint = path === DEFAULT_INDEX ? ' (the default index is built by npm run build:default-index)' : '';
    throw new FatalError(`cannot read index ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}${hint}`);
  }
}

/** `bytes` when the caller already read the file (index info also needs its header). */
export function loadIndexFile(path: string = DEFAULT_INDEX, bytes: Buffer = readIndexBytes(path)): PhotoSet {
  try {
    return decodeIndex(bytes);
  } catch (err) {
    if (err instanceof IndexFormatError) throw new FatalError(`${path}: ${err.message}`);
    throw err;
  }
}
