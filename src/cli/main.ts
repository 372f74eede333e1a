/** The `cliche` command line: dispatch, usage text, exit codes (0 done, 1 cannot run, 2 usage). */
import {FatalError, UsageError} from './args.js';
import {check} from './commands/check.js';
import {indexBuild} from './commands/index-build.js';
import {indexInfo} from './commands/index-info.js';
import {indexMerge} from './commands/index-merge.js';
import {processIo, type Io} from './io.js';

export const USAGE = `Cliché: spots overused free stock photos.

Usage:
  cliche check [--index <file>] [--json] [--threshold <0..1>] [--in-memory] <image file or URL>...
  cliche index build [--from folder] <folder> --out <file> [--meta <csv|json>]
  cliche index build --from unsplash-dataset <dir> --out <file> [--top <n>]
  cliche index build --from pexels (--query "<words>" | --curated) --out <file>
  cliche index build --from pixabay --query "<words>" --out <file>
      every build also takes [--limit <n>] [--shard <i>/<n>] [--threads <n>];
      network sources [--api-base <url>] [--cache <dir>]; keys from PEXELS_API_KEY, PIXABAY_API_KEY
  cliche index info [--json] <file>
  cliche index merge <a> <b>... --out <file>

Without --index, check uses the default index embedded in Cliché. A large index is searched in
place (bounded memory, a pass over the file per 64 images) for up to 256 images; --in-memory
loads it whole instead (faster per image for big batches, ~6 KB of memory per photo).
Exit codes: 0 done (matches or not, even if some inputs had errors), 1 cannot run, 2 usage error.`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'check') return await check(argv.slice(1), io);
    if (command === 'index' && sub === 'build') return await indexBuild(rest, io);
    if (command === 'index' && sub === 'info') return await indexInfo(rest, io);
    if (command === 'index' && sub === 'merge') return await indexMerge(rest, io);
    throw new UsageError(`unknown command: ${[command, sub].filter(Boolean).join(' ')}`);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`cliche: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof FatalError) {
      io.err(`cliche: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
