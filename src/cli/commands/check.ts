/** `cliche check [--index <file>] [--json] [--threshold <0..1>] <image file or URL>...` */
import {checkPixels, type CheckOutcome} from '../../core/check-pixels.js';
import {DEFAULT_THRESHOLD, Matcher, type Match} from '../../core/matcher.js';
import {parseArgs, UsageError} from '../args.js';
import {decodeImage, SkippedImage} from '../decode.js';
import type {Io} from '../io.js';
import {loadIndexFile} from '../load-index.js';
import {readInput} from '../read-input.js';

export async function check(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {values: ['index', 'threshold'], flags: ['json']});
  if (args.positionals.length === 0) throw new UsageError('check needs at least one image file or URL');
  const threshold = args.values.threshold === undefined ? DEFAULT_THRESHOLD : Number(args.values.threshold);
  if (!(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be a number from 0 to 1');
  const matcher = new Matcher(loadIndexFile(args.values.index));
  const json = args.flags.has('json');
  for (const input of args.positionals) {
    let outcome: CheckOutcome | {error: string};
    try {
      outcome = checkPixels(matcher, await decodeImage(await readInput(input)), threshold);
    } catch (err) {
      // One bad input never stops the batch: it gets its own error (or skip) line.
      if (err instanceof SkippedImage) outcome = {match: null, skipped: err.message};
      else outcome = {error: err instanceof Error ? err.message : String(err)};
    }
    io.out(json ? JSON.stringify(toJson(input, outcome)) : toLine(input, outcome));
  }
  return 0;
}

function matchJson(m: Match) {
  const {meta} = m;
  return {...meta, score: Math.round(m.score * 1000) / 1000, region: m.region};
}

function toJson(file: string, o: CheckOutcome | {error: string}) {
  if ('error' in o) return {file, match: null, error: o.error};
  if (o.skipped) return {file, match: null, skipped: o.skipped};
  return {file, match: o.match ? matchJson(o.match) : null};
}

function toLine(file: string, o: CheckOutcome | {error: string}): string {
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
