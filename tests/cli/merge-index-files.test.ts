/** `index merge`'s file-to-file merge gives the very bytes a decode-combine-encode would, and checks its inputs. */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {combinePhotoSets} from '../../src/core/combine-photo-sets.js';
import {decodeIndex, encodeIndex} from '../../src/core/index-file.js';
import type {PhotoSet} from '../../src/core/photo-set.js';
import {FatalError} from '../../src/cli/args.js';
import {DEFAULT_INDEX} from '../../src/cli/load-index.js';
import {mergeIndexFiles} from '../../src/cli/merge-index-files.js';

const real = decodeIndex(readFileSync(DEFAULT_INDEX));
const dir = mkdtempSync(join(tmpdir(), 'cliche-merge-'));

/** Photos [from, to) of the default index as a set of their own. */
function part(from: number, to: number): PhotoSet {
  const prints = [];
  for (let p = from; p < to; p++) {
    const [a, b] = [real.firstWindow[p], real.firstWindow[p] + real.windowCount[p]];
    const [fa, fb] = [real.fineFirst[p], real.fineFirst[p] + real.fineCount[p]];
    prints.push({
      width: real.width[p], height: real.height[p], workW: real.workW[p], workH: real.workH[p],
      slots: real.slots.slice(a, b), hi: real.hi.slice(a, b), lo: real.lo.slice(a, b), fineSlots: real.fineSlots.slice(fa, fb), fine: real.fine.slice(fa, fb),
    });
  }
  return buildPhotoSet(prints, real.meta.slice(from, to));
}

function file(name: string, set: PhotoSet): string {
  const path = join(dir, name);
  writeFileSync(path, encodeIndex(set));
  return path;
}

describe('mergeIndexFiles', () => {
  it('writes what encoding the combined sets writes, byte for byte', () => {
    const [a, b, c] = [part(0, 70), part(70, 71), part(71, real.meta.length)];
    const out = join(dir, 'abc.cliche');
    const r = mergeIndexFiles([file('a', a), file('b', b), file('c', c)], out);
    expect(r).toMatchObject({photos: real.meta.length, windows: real.hi.length, duplicates: 0});
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(encodeIndex(combinePhotoSets([a, b, c]))))).toBe(true);
  });

  it('keeps the first copy of an id that several inputs hold, windows and all', () => {
    const out = join(dir, 'overlap.cliche');
    const r = mergeIndexFiles([file('x', part(0, 100)), file('y', part(50, 150)), file('z', part(140, 160))], out);
    expect(r).toMatchObject({photos: 160, duplicates: 60});
    const expected = encodeIndex(part(0, 160));
    expect(Buffer.from(readFileSync(out)).equals(Buffer.from(expected))).toBe(true);
    expect(decodeIndex(readFileSync(out)).meta.map((m) => m.id)).toEqual(real.meta.slice(0, 160).map((m) => m.id));
  });

  it('refuses a damaged input with its name and why, and writes nothing', () => {
    const good = file('good', part(0, 20));
    // One bit flipped in the window codes: only the checksum can tell.
    const bytes = readFileSync(file('bad', part(20, 40)));
    bytes[bytes.length - 10_000] ^= 0x40;
    writeFileSync(join(dir, 'bad'), bytes);
    const out = join(dir, 'never.cliche');
    // Copied whole (checked as its codes stream by), and copied in part (checked by a read of its own).
    expect(() => mergeIndexFiles([good, join(dir, 'bad')], out)).toThrow(FatalError);
    expect(() => mergeIndexFiles([good, join(dir, 'bad')], out)).toThrow(/bad: index checksum mismatch/);
    expect(() => mergeIndexFiles([file('overlap', part(20, 30)), join(dir, 'bad')], out)).toThrow(/bad: index checksum mismatch/);
    const metaDamaged = Uint8Array.from(bytes);
    metaDamaged[bytes.length - 10_000] ^= 0x40;
    metaDamaged[bytes.length - 3] = 0xff;
    writeFileSync(join(dir, 'meta'), metaDamaged);
    expect(() => mergeIndexFiles([good, join(dir, 'meta')], out)).toThrow(/meta: index metadata is not valid UTF-8 JSON/);
    writeFileSync(join(dir, 'short'), bytes.subarray(0, 1000));
    expect(() => mergeIndexFiles([good, join(dir, 'short')], out)).toThrow(/short: index is truncated: 1000 bytes/);
    writeFileSync(join(dir, 'text'), 'not an index at all, just some text');
    expect(() => mergeIndexFiles([good, join(dir, 'text')], out)).toThrow(/text: not a Cliché index/);
    expect(() => readFileSync(out)).toThrow(/ENOENT/);
  });
});
