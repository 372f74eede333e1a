/** `cliche index info <file>` */
import {readIndexHeader} from '../../core/index-file.js';
import {parseArgs, UsageError} from '../args.js';
import type {Io} from '../io.js';
import {loadIndexFile, readIndexBytes} from '../load-index.js';

export async function indexInfo(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {flags: ['json']});
  if (args.positionals.length !== 1) throw new UsageError('index info takes one index file');
  const [file] = args.positionals;
  const raw = readIndexBytes(file);
  const set = loadIndexFile(file, raw);
  const header = readIndexHeader(raw);
  const bytes = raw.length;
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
