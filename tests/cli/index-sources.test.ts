/**
 * `cliche index build --from <source>` end to end against loopback stand-ins of the Pexels and
 * Pixabay APIs and the Unsplash image host: pagination, keys, faults, resume, shards and merge.
 */
import {execFile, spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {decodeIndex} from '../../src/core/index-file.js';
import {cutBanner, FIXTURES, fixtureNames} from '../core/photo-helpers.js';
import {FakeStockApis, PEXELS_KEY, PIXABAY_KEY} from './fake-stock-apis.js';

const BIN = join(import.meta.dirname, '../../src/cli/bin.js');
// Short backoff so retried 5xx answers cost milliseconds; 429s still wait their Retry-After: 1.
const ENV = {...process.env, CLICHE_RETRY_BASE_MS: '5', PEXELS_API_KEY: PEXELS_KEY, PIXABAY_API_KEY: PIXABAY_KEY};
type Env = Record<string, string | undefined>;

function cliche(args: string[], env: Env = ENV): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((resolve) => {
    execFile('node', [BIN, ...args], {env}, (err, stdout, stderr) => resolve({code: err ? Number(err.code) : 0, stdout, stderr}));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'cliche-sources-'));
const api = new FakeStockApis();
const names = fixtureNames();
const info = async (file: string) => JSON.parse((await cliche(['index', 'info', '--json', file])).stdout);
/** The metadata an index holds, in index order (`index info` gives counts only). */
const ids = async (file: string) => decodeIndex(readFileSync(file)).meta;

beforeAll(() => api.start());
afterAll(() => api.stop());
beforeEach(() => {
  api.requests.length = 0;
  api.faults.once.clear();
  api.faults.broken.clear();
  api.faults.hang = () => false;
});

describe('index build --from pexels', () => {
  it('pages through next_page with the key in Authorization, rides out 429 and 5xx on pages and images, skips broken bytes with a message', async () => {
    api.faults.once.set('/v1/search?page=2', {status: 429, times: 1});
    api.faults.once.set('/v1/search?page=3', {status: 502, times: 1});
    api.faults.once.set(`/images/${names[0]}`, {status: 503, times: 2});
    api.faults.broken.add(`/images/${names[6]}`);
    const out = join(dir, 'pexels.cliche');
    const r = await cliche(['index', 'build', '--from', 'pexels', '--query', 'city night', '--out', out, '--api-base', `${api.base}/v1/`, '--threads', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`skipped pexels:${api.photos[6].id}: damaged image`));
    const apiCalls = api.requests.filter((q) => q.path === '/v1/search');
    expect(apiCalls.map((q) => q.query.get('page'))).toEqual(['1', '2', '2', '3', '3']); // retried after a 429, and a 502
    expect(apiCalls.every((q) => q.auth === PEXELS_KEY && q.query.get('query') === 'city night' && q.query.get('per_page') === '80')).toBe(true);
    expect(api.count(`/images/${names[0]}`)).toBe(3); // two 503s, then the image
    const meta = await ids(out);
    expect(meta).toHaveLength(names.length - 1);
    expect(meta[0]).toMatchObject({
      id: `pexels:${api.photos[0].id}`,
      library: 'Pexels',
      photographer: `Photographer ${api.photos[0].id}`,
      pageUrl: expect.stringMatching(/^https:\/\/www\.pexels\.com\/photo\//),
      licence: 'Pexels License',
    });
    // The index finds the photos it was built from.
    writeFileSync(join(dir, 'cover.jpg'), await cutBanner(names[3], 1500, 500, 1.05));
    const check = await cliche(['check', '--index', out, '--json', join(dir, 'cover.jpg')]);
    expect(JSON.parse(check.stdout).match.id).toBe(`pexels:${api.photos[3].id}`);
    expect(existsSync(`${out}.partial`)).toBe(false);
  }, 120_000);

  it('stops listing at --limit: curated photos, no page fetched past the limit', async () => {
    const out = join(dir, 'curated.cliche');
    const r = await cliche(['index', 'build', '--from', 'pexels', '--curated', '--limit', String(api.perPage), '--out', out, '--api-base', `${api.base}/v1/`, '--threads', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(api.requests.filter((q) => q.path === '/v1/curated').map((q) => q.query.get('page'))).toEqual(['1']);
    expect(api.requests.filter((q) => q.path.startsWith('/images/'))).toHaveLength(api.perPage);
    expect((await ids(out)).map((m) => m.id)).toEqual(api.photos.slice(0, api.perPage).map((p) => `pexels:${p.id}`));
  }, 120_000);

  it('stops at once on a rejected key (401) and on a missing one, before fetching any image', async () => {
    const out = join(dir, 'rejected.cliche');
    const r = await cliche(['index', 'build', '--from', 'pexels', '--curated', '--out', out, '--api-base', `${api.base}/v1/`], {...ENV, PEXELS_API_KEY: 'wrong'});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cliche: Pexels rejected the API key \(HTTP 401/m);
    expect(r.stderr).toMatch(/check PEXELS_API_KEY/);
    expect(api.requests.map((q) => q.path)).toEqual(['/v1/curated']);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const missing = await cliche(['index', 'build', '--from', 'pexels', '--curated', '--out', out, '--api-base', `${api.base}/v1/`], {...ENV, PEXELS_API_KEY: undefined});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/PEXELS_API_KEY is not set/);
    expect(api.requests).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    const missingOut = join(dir, 'missing.cliche');
    await cliche(['index', 'build', '--from', 'pexels', '--curated', '--out', missingOut], {...ENV, PEXELS_API_KEY: ''});
    expect(existsSync(`${missingOut}.partial`)).toBe(false);
  }, 60_000);
});

describe('index build --from pixabay', () => {
  it('stores downloads, views and likes, and answers a second build from its 24-hour cache', async () => {
    const out = join(dir, 'pixabay.cliche');
    const args = ['index', 'build', '--from', 'pixabay', '--query', 'pizza', '--api-base', `${api.base}/api/`, '--cache', join(dir, 'pixabay-cache'), '--threads', '2'];
    const r = await cliche([...args, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const calls = api.requests.filter((q) => q.path === '/api/');
    expect(calls.map((q) => [q.query.get('key'), q.query.get('q'), q.query.get('image_type'), q.query.get('per_page'), q.query.get('page')])).toEqual([
      [PIXABAY_KEY, 'pizza', 'photo', '200', '1'],
    ]);
    const meta = await ids(out);
    expect(meta).toHaveLength(api.perPage); // one page of 5 < per_page: the listing ends there
    expect(meta[1]).toMatchObject({id: `pixabay:${api.photos[1].id}`, library: 'Pixabay', photographer: 'jdoe', downloads: 3000 + api.photos[1].id, views: 5001, likes: 41});
    expect(meta[1].photographerUrl).toBe('https://pixabay.com/users/jdoe-77/');
    const again = await cliche([...args, '--out', join(dir, 'pixabay-2.cliche')]);
    expect(again.code, again.stderr).toBe(0);
    expect(api.count('/api/')).toBe(1);
    expect((await info(join(dir, 'pixabay-2.cliche'))).photos).toBe(api.perPage);
  }, 120_000);

  it('fails at once when Pixabay refuses the key', async () => {
    const r = await cliche(['index', 'build', '--from', 'pixabay', '--query', 'x', '--out', join(dir, 'nokey.cliche'), '--api-base', `${api.base}/api/`], {...ENV, PIXABAY_API_KEY: 'bad'});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Pixabay rejected the API key \(HTTP 400.*Invalid or missing API key.*check PIXABAY_API_KEY/);
    expect(api.requests).toHaveLength(1);
  }, 60_000);

  it('keeps the checkpoint when an image still fails after its retries, and the next run fetches only that one', async () => {
    const out = join(dir, 'retry.cliche');
    api.faults.once.set(`/images/${names[2]}`, {status: 500, times: 100});
    const args = ['index', 'build', '--from', 'pixabay', '--query', 'retry', '--out', out, '--api-base', `${api.base}/api/`, '--threads', '2'];
    const first = await cliche(args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`skipped pixabay:${api.photos[2].id}: image download failed: HTTP 500.*after 6 tries.*next run tries it again`));
    expect((await info(out)).photos).toBe(api.perPage - 1);
    expect(existsSync(`${out}.partial`)).toBe(true);
    api.faults.once.clear();
    api.requests.length = 0;
    const second = await cliche(args);
    expect(second.code, second.stderr).toBe(0);
    expect(api.requests.map((q) => q.path)).toEqual([`/images/${names[2]}`]);
    expect(second.stderr).toMatch(/4 taken from an earlier run's checkpoint/);
    expect((await info(out)).photos).toBe(api.perPage);
    expect(existsSync(`${out}.partial`)).toBe(false);
  }, 120_000);
});

/** An Unsplash Dataset photos.tsv000: the fixtures with made-up ids and stats, one quoted description. */
function writeDataset(folder: string): void {
  const header = ['photo_id', 'photo_url', 'photo_image_url', 'photo_description', 'photographer_username', 'photographer_first_name', 'photographer_last_name', 'stats_views', 'stats_downloads'];
  const rows = names.map((n, i) => [`uid${i}`, `https://unsplash.com/photos/uid${i}`, `https://images.unsplash.com/photo-${n}`, i === 1 ? '"a ""quoted""\tdescription"' : `photo ${i}`, `user${i}`, 'Ann', `Lee${i}`, String(100 * i), String((i * 7) % names.length)]);
  writeFileSync(join(folder, 'photos.tsv000'), [header, ...rows].map((r) => r.join('\t')).join('\n') + '\n');
}

describe('index build --from unsplash-dataset', () => {
  const data = mkdtempSync(join(tmpdir(), 'cliche-unsplash-'));
  writeDataset(data);

  it('keeps the --top most downloaded, fetched at w=1080 from --api-base, with photographer and stats', async () => {
    const out = join(dir, 'unsplash.cliche');
    const r = await cliche(['index', 'build', '--from', 'unsplash-dataset', data, '--top', '4', '--out', out, '--api-base', api.base, '--threads', '2']);
    expect(r.code, r.stderr).toBe(0);
    const downloads = names.map((_, i) => (i * 7) % names.length);
    const top = downloads.map((d, i) => [d, i]).sort((a, b) => b[0] - a[0]).slice(0, 4).map(([, i]) => `unsplash:uid${i}`);
    const meta = await ids(out);
    expect(meta.map((m) => m.id)).toEqual(top);
    const i = Number(meta[0].id.replace('unsplash:uid', ''));
    expect(meta[0]).toMatchObject({library: 'Unsplash', photographer: `Ann Lee${i}`, photographerUrl: `https://unsplash.com/@user${i}`, pageUrl: `https://unsplash.com/photos/uid${i}`, downloads: downloads[i], views: 100 * i, licence: 'Unsplash License'});
    expect(api.requests).toHaveLength(4);
    expect(api.requests.every((q) => q.path.startsWith('/photo-') && q.query.get('w') === '1080')).toBe(true);
  }, 120_000);

  it('resumes a killed build without fetching again what it had finished', async () => {
    const out = join(dir, 'killed.cliche');
    const args = [BIN, 'index', 'build', '--from', 'unsplash-dataset', data, '--out', out, '--api-base', api.base, '--threads', '1'];
    // The first 3 photos come back; the rest hang, as a slow network would when the build is killed.
    const first3 = new Set(names.slice(0, 3).map((n) => `/photo-${n}`));
    api.faults.hang = (path) => !first3.has(path);
    const child = spawn('node', args, {env: ENV, stdio: 'ignore'});
    const lines = () => (existsSync(`${out}.partial/photos.jsonl`) ? readFileSync(`${out}.partial/photos.jsonl`, 'utf8').split('\n').filter(Boolean).length : 0);
    while (lines() < 3) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    api.faults.hang = () => false;
    const r = await cliche(args.slice(1));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/3 taken from an earlier run's checkpoint/);
    for (const path of first3) expect(api.count(path)).toBe(1);
    expect((await ids(out)).map((m) => m.id)).toEqual(names.map((_, i) => `unsplash:uid${i}`));
  }, 120_000);

  it('refuses a checkpoint left by a build with other options', async () => {
    const out = join(dir, 'other.cliche');
    mkdirSync(`${out}.partial`);
    writeFileSync(`${out}.partial/job.json`, '{"from":"pexels"}');
    const r = await cliche(['index', 'build', '--from', 'unsplash-dataset', data, '--out', out, '--api-base', api.base]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds an unfinished build with other options/);
  }, 60_000);
});

describe('shards and merge', () => {
  it('splits a build into shards that merge back into the whole, each photo once', async () => {
    const shardFiles = [join(dir, 'shard-1.cliche'), join(dir, 'shard-2.cliche')];
    for (const [i, file] of shardFiles.entries()) {
      const r = await cliche(['index', 'build', '--from', 'folder', FIXTURES, '--shard', `${i + 1}/2`, '--out', file, '--threads', '2']);
      expect(r.code, r.stderr).toBe(0);
    }
    const [a, b] = await Promise.all(shardFiles.map(ids));
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(a.filter((m) => b.some((n) => n.id === m.id))).toEqual([]);
    const merged = join(dir, 'shards-merged.cliche');
    const r = await cliche(['index', 'merge', ...shardFiles, shardFiles[0], '--out', merged]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`note: ${a.length} photos have an id an earlier input already has`));
    expect((await ids(merged)).map((m) => m.id).sort()).toEqual(names.map((n) => n.replace('.jpg', '')).sort());
  }, 120_000);
});
