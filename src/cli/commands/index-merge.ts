/** `cliche index merge <a> <b>... --out <file>`: shards or separate builds into one index. */
import {parseArgs, UsageError} from '../args.js';
import type {Io} from '../io.js';
import {mergeIndexFiles} from '../merge-index-files.js';

export async function indexMerge(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {values: ['out']});
  if (args.positionals.length < 2) throw new UsageError('index merge takes two or more index files');
  if (!args.values.out) throw new UsageError('index merge needs --out <file>');
  const started = Date.now();
  const r = mergeIndexFiles(args.positionals, args.values.out);
  if (r.duplicates) io.err(`note: ${r.duplicates} photos have an id an earlier input already has; the first copy of each is kept`);
  io.err(`wrote ${args.values.out}: ${r.photos} photos, ${r.bytes} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
