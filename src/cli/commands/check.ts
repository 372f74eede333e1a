/** `cliche check [--index <file>] [--json] [--threshold <0..1>] [--in-memory] <image file or URL>...` */
import {openSync, readSync, closeSync} from 'node:fs';
import {checkPixels, skipReason, type CheckOutcome} from '../../core/check-pixels.js';
import {prepareQuery, type QueryPrint} from '../../core/fingerprint.js';
import {readIndexHeader} from '../../core/index-file.js';
import {DEFAULT_THRESHOLD, Matcher, type Match} from '../../core/matcher.js';
import {parseArgs, UsageError} from '../args.js';
import {decodeImage, SkippedImage} from '../decode.js';
import type {Io} from '../io.js';
import {DEFAULT_INDEX, loadIndexFile} from '../load-index.js';
import {Progress} from '../progress.js';
import {readInput} from '../read-input.js';
import {openStreamedIndex} from '../streamed-index-file.js';
import {searchedInPlace} from '../../core/streamed-search.js';

/**
 * Up to this many inputs, a large index is searched in place (core/streamed-search.ts) instead of
 * loaded: no lookup tables to build and a fraction of the memory, for a pass over the index per
 * batch. At 10^5 photos (tests/bench/README.md) loading took 6.3 s of table building and 1.2 GB,
 * then ~7 ms per image; in place, 2 s to open and ~0.5 s per pass, in ~200 MB. Past a few hundred
 * images the loaded index is faster (`--in-memory` asks for it whatever the count).
 */
export const STREAM_MAX_INPUTS = 256;
/** Images searched together in one pass over a streamed index. */
const STREAM_BATCH = 64;

type Outcome = CheckOutcome | {error: string};

export async function check(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {values: ['index', 'threshold'], flags: ['json', 'in-memory']});
  if (args.positionals.length === 0) throw new UsageError('check needs at least one image file or URL');
  const threshold = args.values.threshold === undefined ? DEFAULT_THRESHOLD : Number(args.values.threshold);
  if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be a number from 0 to 1');
  const json = args.flags.has('json');
  const print = (input: string, o: Outcome) => io.out(json ? JSON.stringify(toJson(input, o)) : toLine(input, o));
  const path = args.values.index ?? DEFAULT_INDEX;
  if (!args.flags.has('in-memory') && args.positionals.length <= STREAM_MAX_INPUTS && isLarge(path)) {
    await checkStreamed(path, args.positionals, threshold, print);
    return 0;
  }
  const matcher = new Matcher(loadIndexFile(args.values.index));
  for (const input of args.positionals) {
    const image = await readImage(input);
    print(input, 'image' in image ? checkPixels(matcher, image.image, threshold) : image);
  }
  return 0;
}

/** The decoded image, or the outcome of an input that cannot be checked. One bad input never stops the batch. */
async function readImage(input: string): Promise<{image: Awaited<ReturnType<typeof decodeImage>>} | Outcome> {
  try {
    return {image: await decodeImage(await readInput(input))};
  } catch (err) {
    if (err instanceof SkippedImage) return {match: null, skipped: err.message};
    return {error: err instanceof Error ? err.message : String(err)};
  }
}

/** Whether the file's header declares more windows than a small index (unreadable: no, and loading it says why). */
function isLarge(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const header = new Uint8Array(32);
      readSync(fd, header, 0, 32, 0);
      return searchedInPlace(readIndexHeader(header).windows);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

async function checkStreamed(path: string, inputs: string[], threshold: number, print: (input: string, o: Outcome) => void): Promise<void> {
  const tty = process.stderr.isTTY;
  const passProgress = (label: string) => {
    const bar = tty ? new Progress(label, 0) : null;
    let last = 0;
    return (done: number, total: number) => {
      bar?.setTotal(Math.ceil(total / 1e6));
      bar?.tick(Math.ceil(done / 1e6) - last);
      last = Math.ceil(done / 1e6);
    };
  };
  const opened = await openStreamedIndex(path, passProgress('opening index (M windows)'));
  try {
    for (let at = 0; at < inputs.length; at += STREAM_BATCH) {
      const batch = inputs.slice(at, at + STREAM_BATCH);
      const outcomes: (Outcome | QueryPrint)[] = [];
      for (const input of batch) {
        const image = await readImage(input);
        const skipped = 'image' in image ? skipReason(image.image) : null;
        outcomes.push(!('image' in image) ? image : skipped ? {match: null, skipped} : prepareQuery(image.image));
      }
      const queries = outcomes.filter((o): o is QueryPrint => 'windows' in o);
      const found = await opened.search.search(queries, {threshold, limit: 1}, passProgress('searching index (M windows)'));
      let k = 0;
      batch.forEach((input, i) => {
        const o = outcomes[i];
        print(input, 'windows' in o ? {match: found[k++][0] ?? null} : o);
      });
    }
  } finally {
    opened.close();
  }
}

function matchJson(m: Match) {
  const {meta} = m;
  return {...meta, score: Math.round(m.score * 1000) / 1000, region: m.region};
}

function toJson(file: string, o: Outcome) {
  if ('error' in o) return {file, match: null, error: o.error};
  if (o.skipped) return {file, match: null, skipped: o.skipped};
  return {file, match: o.match ? matchJson(o.match) : null};
}

function toLine(file: string, o: Outcome): string {
  if ('error' in o) return `${file}: error: ${o.error}`;
  if (o.skipped) return `${file}: skipped: ${o.skipped}`;
  if (!o.match) return `${file}: no match`;
  const {meta, score, region} = o.match;
  const who = [meta.library, meta.photographer && `by ${meta.photographer}`].filter(Boolean).join(', ');
  const reach = [meta.downloads !== undefined && `${meta.downloads} downloads`, meta.views !== undefined && `${meta.views} views`].filter(Boolean).join(', ');
  return (
    `${file}: STOCK PHOTO ${meta.id}${who ? ` (${who})` : ''} confidence ${score.toFixed(2)}, ` +
    `region ${region[0]},${region[1]} ${region[2]}x${region[3]}${reach ? `, ${reach}` : ''}${meta.licence ? `, licence: ${meta.licence}` : ''}${meta.pageUrl ? ` ${meta.pageUrl}` : ''}`
  );
}
