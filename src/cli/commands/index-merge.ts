/** `cliche index merge <a> <b>... --out <file>` */
import {combinePhotoSets} from '../../core/combine-photo-sets.js';
import {encodeIndex} from '../../core/index-file.js';
import {parseArgs, UsageError} from '../args.js';
import {writeFileAtomic} from '../files.js';
import type {Io} from '../io.js';
import {loadIndexFile} from '../load-index.js';

export async function indexMerge(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {values: ['out']});
  if (args.positionals.length < 2) throw new UsageError('index merge takes two or more index files');
  if (!args.values.out) throw new UsageError('index merge needs --out <file>');
  const merged = combinePhotoSets(args.positionals.map((f) => loadIndexFile(f)));
  const ids = new Set<string>();
  const duplicates = merged.meta.filter((m) => (ids.has(m.id) ? true : (ids.add(m.id), false))).length;
  if (duplicates) io.err(`note: ${duplicates} photo ids appear in more than one input; all copies are kept`);
  const bytes = encodeIndex(merged);
  writeFileAtomic(args.values.out, bytes);
  io.err(`wrote ${args.values.out}: ${merged.meta.length} photos, ${bytes.length} bytes`);
  return 0;
}
