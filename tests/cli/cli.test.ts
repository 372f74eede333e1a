import {execFile} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cutBanner, FIXTURES, fixtureBytes, fixtureNames} from '../core/photo-helpers.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../src/cli/bin.js');
const cliche = async (...args: string[]) => {
  try {
    const {stdout, stderr} = await run('node', [BIN, ...args]);
    return {code: 0, stdout, stderr};
  } catch (err) {
    const e = err as {code: number; stdout: string; stderr: string};
    return {code: e.code, stdout: e.stdout, stderr: e.stderr};
  }
};

const dir = mkdtempSync(join(tmpdir(), 'cliche-cli-'));
const index = join(dir, 'fixtures.cliche');
const photo = fixtureNames()[4];
let server: Server;
let base = '';

beforeAll(async () => {
  const meta = join(dir, 'meta.csv');
  writeFileSync(meta, `file,id,library,photographer,downloads\n${photo},unsplash:abc123,Unsplash,"Doe, Jane",4200\n`);
  const built = await cliche('index', 'build', FIXTURES, '--out', index, '--meta', meta, '--threads', '2');
  expect(built.code, built.stderr).toBe(0);
  writeFileSync(join(dir, 'cover.jpg'), await cutBanner(photo, 1500, 500, 1.05));
  writeFileSync(join(dir, 'broken.jpg'), fixtureBytes(photo).subarray(0, 300));
  server = createServer((req, res) => {
    if (req.url === '/cover.jpg') res.end(fixtureBytes(photo));
    else res.writeHead(404).end('missing');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as {port: number}).port}`;
}, 120_000);

afterAll(() => new Promise<void>((r) => server.close(() => r())));

// Each test starts the CLI (tsx, sharp) one or more times on 2 cores shared with the other CLI suites.
describe('cliche CLI', () => {
  it('reports one JSON line per input: a match with its metadata, and clear errors for the rest', async () => {
    const inputs = [join(dir, 'cover.jpg'), join(dir, 'missing.jpg'), join(dir, 'broken.jpg'), `${base}/cover.jpg`, `${base}/nope.jpg`];
    const {code, stdout} = await cliche('check', '--index', index, '--json', ...inputs);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(inputs);
    expect(lines[0].match).toMatchObject({id: 'unsplash:abc123', library: 'Unsplash', photographer: 'Doe, Jane', downloads: 4200});
    expect(lines[0].match.score).toBeGreaterThan(0.5);
    expect(lines[0].match.region).toHaveLength(4);
    expect(lines[1]).toEqual({file: inputs[1], match: null, error: 'no such file'});
    expect(lines[2].error).toMatch(/damaged|truncated|premature|corrupt/i);
    expect(lines[3].match.id).toBe('unsplash:abc123');
    expect(lines[4]).toEqual({file: inputs[4], match: null, error: 'HTTP 404 Not Found'});
  }, 60_000);

  it('prints a readable line without --json', async () => {
    const {code, stdout} = await cliche('check', '--index', index, join(dir, 'cover.jpg'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/cover\.jpg: STOCK PHOTO unsplash:abc123 \(Unsplash, by Doe, Jane\) confidence 0\.\d\d/);
  }, 60_000);

  it('describes an index', async () => {
    const {stdout} = await cliche('index', 'info', '--json', index);
    expect(JSON.parse(stdout)).toMatchObject({photos: fixtureNames().length, formatVersion: 2, libraries: {Unsplash: 1}});
  }, 60_000);

  it('merges indexes, keeping one copy of a photo that two inputs hold, and says so', async () => {
    const merged = join(dir, 'merged.cliche');
    const r = await cliche('index', 'merge', index, index, '--out', merged);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`note: ${fixtureNames().length} photos have an id an earlier input already has`));
    expect(JSON.parse((await cliche('index', 'info', '--json', merged)).stdout).photos).toBe(fixtureNames().length);
    const {stdout} = await cliche('check', '--index', merged, '--json', join(dir, 'cover.jpg'));
    expect(JSON.parse(stdout).match.id).toBe('unsplash:abc123');
  }, 60_000);

  it('exits 2 on usage errors and 1 on an unreadable index', async () => {
    expect((await cliche('check')).code).toBe(2);
    expect((await cliche('check', '--bogus', 'x.jpg')).code).toBe(2);
    const bad = join(dir, 'bad.cliche');
    writeFileSync(bad, 'garbage');
    const r = await cliche('check', '--index', bad, join(dir, 'cover.jpg'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a Cliché index/);
  }, 60_000);

  it('checks against the embedded default index when no --index is given', async () => {
    const {code, stdout} = await cliche('check', '--json', join(FIXTURES, 'city-night.jpg'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).match.id).toBe('tabler-matt-barrett-339981-1500');
  }, 60_000);
});
