/**
 * The `cliche` command against a batch of bad inputs mixed with good ones, files and loopback URLs:
 * each bad one gets its own clear error (or a skip), the good ones still match, the exit code is 0.
 * Also bad index files given to --index, and an index build over a folder with bad images in it.
 */
import {execFile, execFileSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {banner} from '../../tools/browser/banner.js';
import {buildFixtureIndex, PHOTO_DIR} from '../e2e/fixture-index.js';
import {badImages, pngBomb, type BadImage} from './bad-images.js';

const BIN = join(import.meta.dirname, '../../src/cli/bin.js');
/** The hanging server must be cut by the fetch limit, shortened here so the test stays quick. */
const FETCH_TIMEOUT_MS = 1500;

async function cliche(...args: string[]) {
  const env = {...process.env, CLICHE_FETCH_TIMEOUT_MS: String(FETCH_TIMEOUT_MS)};
  try {
    const {stdout, stderr} = await promisify(execFile)('node', [BIN, ...args], {env, maxBuffer: 1 << 24});
    return {code: 0, stdout, stderr};
  } catch (err) {
    const e = err as {code: number; stdout: string; stderr: string};
    return {code: e.code, stdout: e.stdout, stderr: e.stderr};
  }
}

const PHOTO_ID = 'fixture:city-night';
const dir = mkdtempSync(join(tmpdir(), 'cliche-bad-'));
const index = join(dir, 'fixtures.cliche');
let bad: BadImage[];
let cover: Buffer;
let server: Server;
let base = '';
let refusedUrl = '';
const hanging = new Set<import('node:http').ServerResponse>();

beforeAll(async () => {
  writeFileSync(index, await buildFixtureIndex());
  cover = await banner(join(PHOTO_DIR, 'city-night.jpg'), 3, 1500);
  writeFileSync(join(dir, 'cover.jpg'), cover);
  bad = await badImages(cover, PHOTO_ID);
  for (const b of bad) writeFileSync(join(dir, b.name), b.bytes);
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/cover.jpg') res.writeHead(200, {'content-type': 'image/jpeg'}).end(cover);
    else if (path === '/bomb.png') res.writeHead(200, {'content-type': 'image/png'}).end(pngBomb());
    else if (path === '/truncated.jpg') res.writeHead(200, {'content-type': 'image/jpeg'}).end(cover.subarray(0, cover.length >> 1));
    else if (path === '/html-as-image.jpg') res.writeHead(200, {'content-type': 'image/jpeg'}).end('<!doctype html><p>Sorry, this content is not available</p>');
    else if (path === '/login') res.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end('<!doctype html><p>Log in</p>');
    else if (path === '/loop') res.writeHead(302, {location: '/loop'}).end();
    else if (path === '/stall-body.jpg') {
      // Headers and half the image, then nothing: the body never ends.
      res.writeHead(200, {'content-type': 'image/jpeg', 'content-length': String(cover.length)});
      res.write(cover.subarray(0, cover.length >> 1));
      hanging.add(res);
    } else if (path === '/no-answer.jpg') hanging.add(res);
    else res.writeHead(404, {'content-type': 'text/plain'}).end('missing');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port nothing listens on: listen, note it, close.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  refusedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/cover.jpg`;
  await new Promise<void>((r) => closed.close(() => r()));
}, 120_000);

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

function expectOutcome(line: {file: string; match: {id: string} | null; error?: string; skipped?: string}, expected: BadImage['expected']) {
  if ('match' in expected) {
    expect(line.match?.id, JSON.stringify(line)).toBe(expected.match);
    expect(line.error).toBeUndefined();
  } else if ('skipped' in expected) {
    expect(line.match).toBeNull();
    expect(line.error, JSON.stringify(line)).toBeUndefined();
    expect(line.skipped).toMatch(expected.skipped);
  } else {
    expect(line.match).toBeNull();
    expect(line.error, JSON.stringify(line)).toMatch(expected.error);
  }
}

describe('cliche check with bad inputs in the batch', () => {
  it('gives each bad file its own clear error or skip; the good ones still match; exit 0', async () => {
    const files = bad.map((b) => join(dir, b.name));
    // Good photos first, between and last: a bad input must not disturb the ones after it.
    const inputs = [join(dir, 'cover.jpg'), ...files.slice(0, 8), join(PHOTO_DIR, 'city-night.jpg'), ...files.slice(8), join(dir, 'cover.jpg')];
    const {code, stdout, stderr} = await cliche('check', '--index', index, '--json', ...inputs);
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(inputs);
    const byFile = new Map(lines.map((l) => [l.file, l]));
    for (const b of bad) expectOutcome(byFile.get(join(dir, b.name)), b.expected);
    expect(lines[0].match.id).toBe(PHOTO_ID);
    expect(lines[9].match.id).toBe(PHOTO_ID);
    expect(lines.at(-1).match.id).toBe(PHOTO_ID);
    // Readable lines too: one per input, errors and skips said as such.
    const text = await cliche('check', '--index', index, join(dir, 'empty.jpg'), join(dir, 'pixel.png'), join(dir, 'cover.jpg'));
    expect(text.stdout.trim().split('\n')).toEqual([
      `${join(dir, 'empty.jpg')}: error: empty file`,
      `${join(dir, 'pixel.png')}: skipped: image too small to check (1x1, under 48 px)`,
      expect.stringMatching(/cover\.jpg: STOCK PHOTO fixture:city-night/),
    ]);
  }, 120_000);

  it('gives each failing URL a reason (404, HTML, redirect loop, stalled, refused) and still matches the good one', async () => {
    const cases: [string, RegExp | string][] = [
      [`${base}/cover.jpg`, PHOTO_ID],
      [`${base}/gone.jpg`, /^HTTP 404/],
      [`${base}/login`, /^not an image \(the server sent text\/html\)$/],
      [`${base}/html-as-image.jpg`, /^not an image/],
      [`${base}/truncated.jpg`, /^damaged image/],
      [`${base}/bomb.png`, /^image too large/],
      [`${base}/loop`, /redirect loop/],
      [`${base}/stall-body.jpg`, /^no complete answer within 1\.5 s$/],
      [`${base}/no-answer.jpg`, /^no complete answer within 1\.5 s$/],
      [refusedUrl, /^fetch failed: connection refused$/],
      [`${base}/cover.jpg`, PHOTO_ID],
    ];
    const {code, stdout} = await cliche('check', '--index', index, '--json', ...cases.map(([u]) => u));
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(cases.length);
    cases.forEach(([url, want], i) => {
      expect(lines[i].file).toBe(url);
      if (typeof want === 'string') expect(lines[i].match?.id, JSON.stringify(lines[i])).toBe(want);
      else expect(lines[i].error, JSON.stringify(lines[i])).toMatch(want);
    });
  }, 120_000);
});

describe('cliche check with inputs that are not files', () => {
  it('refuses a device, a pipe nobody writes to, a folder and an oversized file without reading them', async () => {
    const fifo = join(dir, 'pipe.jpg');
    execFileSync('mkfifo', [fifo]);
    const big = join(dir, 'big.jpg');
    writeFileSync(big, '');
    truncateSync(big, 60 * 1024 * 1024); // sparse: 60 MB declared, nothing written
    const inputs = ['/dev/zero', fifo, dir, big, join(dir, 'cover.jpg')];
    const {code, stdout} = await cliche('check', '--index', index, '--json', ...inputs);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').map((l) => JSON.parse(l)).map((l) => l.error ?? l.match?.id)).toEqual([
      'not a regular file',
      'not a regular file',
      'is a folder, not an image',
      'file larger than 50 MB',
      PHOTO_ID,
    ]);
  }, 60_000);
});

describe('cliche check --index with a bad index file', () => {
  it('refuses each with a message saying why and exit code 1 (cannot run), no stack trace', async () => {
    const good = readFileSync(index);
    const variant = (name: string, edit: (b: Buffer) => Buffer) => {
      const path = join(dir, name);
      writeFileSync(path, edit(Buffer.from(good)));
      return path;
    };
    const cases: [string, RegExp][] = [
      [variant('truncated.cliche', (b) => b.subarray(0, b.length - 100)), /is truncated/],
      [variant('flipped.cliche', (b) => ((b[b.length >> 1] ^= 4), b)), /checksum mismatch/],
      [variant('version.cliche', (b) => (b.writeUInt16LE(7, 8), b)), /format version 7 is not supported/],
      [variant('counts.cliche', (b) => (b.writeUInt32LE(0xffffffff, 12), b)), /implausible counts/],
      [variant('meta.cliche', (b) => (b.writeUInt32LE(0x7fffffff, 20), b)), /bytes of metadata/],
      [variant('empty.cliche', () => Buffer.alloc(0)), /shorter than the 32-byte header/],
      [join(dir, 'cover.jpg'), /not a Cliché index \(wrong magic bytes\)/],
      [join(dir, 'no-such.cliche'), /cannot read index .*ENOENT/],
    ];
    for (const [path, message] of cases) {
      const r = await cliche('check', '--index', path, join(dir, 'cover.jpg'));
      expect(r.code, path).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).toMatch(/^cliche: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    }
  }, 120_000);
});

describe('cliche index build over a folder with bad images', () => {
  it('lists each unreadable image and indexes the photos', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    copyFileSync(join(PHOTO_DIR, 'city-night.jpg'), join(folder, 'city-night.jpg'));
    copyFileSync(join(PHOTO_DIR, 'food-pizza.jpg'), join(folder, 'food-pizza.jpg'));
    const names = ['empty.jpg', 'truncated.jpg', 'truncated.png', 'page.jpg', 'noise.jpg', 'bomb.png', 'cmyk.jpg', 'deep.png', 'rotated.jpg', 'animated.gif'];
    for (const n of names) writeFileSync(join(folder, `bad-${n}`), bad.find((b) => b.name === n)!.bytes);
    const out = join(dir, 'mixed.cliche');
    const r = await cliche('index', 'build', folder, '--out', out, '--threads', '2');
    expect(r.code, r.stderr).toBe(0);
    for (const n of ['empty.jpg', 'truncated.jpg', 'truncated.png', 'page.jpg', 'noise.jpg', 'bomb.png']) expect(r.stderr).toMatch(new RegExp(`skipped bad-${n.replace('.', '\\.')}: \\S`));
    // 2 photos + the 4 odd-but-valid encodings of the cover (CMYK, 16-bit, EXIF-rotated, animated).
    expect(JSON.parse((await cliche('index', 'info', '--json', out)).stdout).photos).toBe(6);
  }, 120_000);
});
