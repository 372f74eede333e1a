import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import sharp from 'sharp';
import {beforeAll, describe, expect, it} from 'vitest';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {combinePhotoSets} from '../../src/core/combine-photo-sets.js';
import {fingerprintPhoto} from '../../src/core/fingerprint.js';
import {encodeIndex} from '../../src/core/index-file.js';
import {syntheticIndex} from '../bench/synthetic-index.js';
import {cutBanner, fixtureBytes, fixtureImage, fixtureNames} from '../core/photo-helpers.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../src/cli/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'cliche-large-'));
const index = join(dir, 'large.cliche');
const names = fixtureNames();
const inputs: string[] = [];

beforeAll(async () => {
  // Past 2^18 windows: the fixtures, then synthetic photos made of real window codes.
  const prints = await Promise.all(names.slice(0, 4).map(async (n) => fingerprintPhoto(await fixtureImage(n))));
  writeFileSync(index, encodeIndex(combinePhotoSets([buildPhotoSet(prints, names.slice(0, 4).map((id) => ({id}))), syntheticIndex(1800)])));
  const file = (name: string, bytes: Buffer) => {
    writeFileSync(join(dir, name), bytes);
    inputs.push(join(dir, name));
  };
  file('cover.jpg', await cutBanner(names[2], 1500, 500, 1.1));
  inputs.push(join(dir, 'missing.jpg'));
  file('broken.jpg', fixtureBytes(names[1]).subarray(0, 300));
  file('icon.png', await sharp({create: {width: 24, height: 24, channels: 3, background: '#c33'}}).png().toBuffer());
  file('other.jpg', await cutBanner(names[names.length - 1], 820, 312));
  file('avatar.jpg', await sharp(fixtureBytes(names[0])).resize(320, 320).jpeg().toBuffer());
}, 120_000);

describe('cliche check on a large index', () => {
  it('searches it in place with the answers, errors and order of the loaded index', async () => {
    const streamed = await run('node', [BIN, 'check', '--index', index, '--json', ...inputs]);
    const loaded = await run('node', [BIN, 'check', '--index', index, '--json', '--in-memory', ...inputs]);
    expect(streamed.stdout).toBe(loaded.stdout);
    const lines = streamed.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(inputs);
    expect(lines[0].match?.id).toBe(names[2]);
    expect(lines[1].error).toMatch(/no such file/i);
    expect(lines[2].error).toBeTruthy();
    expect(lines[3].skipped).toMatch(/too small/);
  }, 120_000);
});
