/** `cliche index info <file>` and `cliche index merge <a> <b>... --out <file>` */
import {statSync} from 'node:fs';
import {combinePhotoSets} from '../../core/combine-photo-sets.js';
import {encodeIndex, readIndexHeader} from '../../core/index-file.js';
import {readFileSync} from 'node:fs';
import {parseArgs, UsageError} from '../args.js';
import {writeFileAtomic} from '../files.js';
import type {Io} from '../io.js';
import {loadIndexFile} from '../load-index.js';

export async function indexInfo(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {flags: ['json']});
  if (args.positionals.length !== 1) throw new UsageError('index info takes one index file');
  const [file] = args.positionals;
  const set = loadIndexFile(file);
  const header = readIndexHeader(readFileSync(file));
  const bytes = statSync(file).size;
  const libraries: Record<string, number> = {};
  for (const m of set.meta) libraries[m.library ?? '(unknown)'] = (libraries[m.library ?? '(unknown)'] ?? 0) + 1;
  const info = {
    file,
    formatVersion: header.formatVersion,
    fingerprintVersion: header.fingerprintVersion,
    photos: set.meta.length,
    windows: set.hi.length,
    bytes,
    bytesPerPhoto: set.meta.length ? Math.round(bytes / set.meta.length) : 0,
    libraries,
  };
  if (args.flags.has('json')) io.out(JSON.stringify(info));
  else {
    io.out(`${file}: Cliché index, format version ${info.formatVersion}, fingerprint version ${info.fingerprintVersion}`);
    io.out(`photos: ${info.photos}, windows: ${info.windows}, bytes: ${info.bytes} (${info.bytesPerPhoto} per photo)`);
    io.out(`libraries: ${Object.entries(libraries).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  return 0;
}

export async function indexMerge(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {values: ['out']});
  if (args.positionals.length < 2) throw new UsageError('index merge takes two or more index files');
  if (!args.values.out) throw new UsageError('index merge needs --out <file>');
  const sets = args.positionals.map((f) => loadIndexFile(f));
  const merged = combinePhotoSets(sets);
  const ids = new Set<string>();
  const duplicates = merged.meta.filter((m) => (ids.has(m.id) ? true : (ids.add(m.id), false))).length;
  if (duplicates) io.err(`note: ${duplicates} photo ids appear in more than one input; all copies are kept`);
  const bytes = encodeIndex(merged);
  writeFileAtomic(args.values.out, bytes);
  io.err(`wrote ${args.values.out}: ${merged.meta.length} photos, ${bytes.length} bytes`);
  return 0;
}
