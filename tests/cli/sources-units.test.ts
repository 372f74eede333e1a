/** The index sources' small parts with their clocks and network passed in: no server, no waiting. */
import {mkdtempSync, readFileSync, writeFileSync, appendFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {Progress} from '../../src/cli/progress.js';
import {ApiCache, cacheKey, CACHE_TTL_MS} from '../../src/cli/sources/api-cache.js';
import {Checkpoint} from '../../src/cli/sources/checkpoint.js';
import {HttpClient, HttpError, KeyRejectedError, MAX_ATTEMPTS} from '../../src/cli/sources/http-client.js';
import {RateLimiter, RateLimitStop, type Clock} from '../../src/cli/sources/rate-limiter.js';
import {inShard, parseShard} from '../../src/cli/sources/shard.js';
import {tsvRows} from '../../src/cli/sources/tsv-stream.js';
import {imageUrl} from '../../src/cli/sources/unsplash-dataset.js';

/** A clock whose sleeps only record how long they were asked to be, and move time on. */
function fakeClock(start = 1_700_000_000_000): Clock & {slept: number[]; t: number} {
  const c = {
    t: start,
    slept: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.t += ms;
    },
  };
  return c;
}

/** A fetch answering from a list of responses, one per call, recording the calls. */
function scripted(answers: (() => Response)[]) {
  const calls: string[] = [];
  const fetch = (async (url: string) => {
    calls.push(url);
    const next = answers.shift();
    if (!next) throw new Error('no more scripted answers');
    return next();
  }) as unknown as typeof globalThis.fetch;
  return {fetch, calls};
}

const ok = (body = '{"ok":true}') => () => new Response(body, {status: 200});
const status = (code: number, headers: Record<string, string> = {}) => () => new Response(`status ${code}`, {status: code, headers});

describe('HttpClient', () => {
  it('waits what Retry-After says on a 429, and backs off exponentially on 5xx', async () => {
    const clock = fakeClock();
    const {fetch, calls} = scripted([status(429, {'Retry-After': '7'}), status(503), status(502), ok()]);
    const http = new HttpClient({fetch, clock, random: () => 0, retryBaseMs: 100});
    expect(await http.json('http://x/a')).toEqual({ok: true});
    expect(calls).toHaveLength(4);
    expect(clock.slept).toEqual([7000, 200, 400]);
  });

  it('reads Retry-After given as a date', async () => {
    const clock = fakeClock(Date.parse('2026-01-01T00:00:00Z'));
    const {fetch} = scripted([status(429, {'Retry-After': 'Thu, 01 Jan 2026 00:00:30 GMT'}), ok()]);
    await new HttpClient({fetch, clock, retryBaseMs: 1}).get('http://x/');
    expect(clock.slept).toEqual([30_000]);
  });

  it('gives up after MAX_ATTEMPTS with a transient error', async () => {
    const clock = fakeClock();
    const {fetch, calls} = scripted(Array.from({length: MAX_ATTEMPTS}, () => status(500)));
    const err = await new HttpClient({fetch, clock, random: () => 0, retryBaseMs: 1}).get('http://x/').catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.transient).toBe(true);
    expect(err.message).toMatch(/HTTP 500.*after 6 tries/);
    expect(calls).toHaveLength(MAX_ATTEMPTS);
  });

  it('stops at the first 401/403 of an API call with a message naming the key, without retrying', async () => {
    for (const code of [401, 403]) {
      const clock = fakeClock();
      const {fetch, calls} = scripted([status(code), ok()]);
      const err = await new HttpClient({fetch, clock}).get('http://x/', {keyOf: {api: 'Pexels', env: 'PEXELS_API_KEY'}}).catch((e) => e);
      expect(err).toBeInstanceOf(KeyRejectedError);
      expect(err.message).toMatch(new RegExp(`Pexels rejected the API key \\(HTTP ${code}.*check PEXELS_API_KEY`));
      expect(calls).toHaveLength(1);
      expect(clock.slept).toEqual([]);
    }
  });

  it('treats a 404 image as a lasting failure, not a key problem', async () => {
    const {fetch, calls} = scripted([status(404)]);
    const err = await new HttpClient({fetch, clock: fakeClock()}).bytes('http://x/img.jpg', 1000).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.transient).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it('refuses bodies over the byte limit and hands back an exact, transferable copy otherwise', async () => {
    const {fetch} = scripted([() => new Response(new Uint8Array(2000)), () => new Response(new Uint8Array([1, 2, 3]))]);
    const http = new HttpClient({fetch, clock: fakeClock()});
    await expect(http.bytes('http://x/big', 1000)).rejects.toThrow(/larger than/);
    const small = await http.bytes('http://x/small', 1000);
    expect([...small]).toEqual([1, 2, 3]);
    expect(small.buffer.byteLength).toBe(3);
  });
});

describe('RateLimiter', () => {
  it('spaces requests to the published rate', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(3, 60_000, clock);
    for (let i = 0; i < 4; i++) await limiter.acquire();
    expect(clock.slept).toEqual([60_000]);
  });

  it('waits for X-RateLimit-Reset when nothing remains: seconds from now (Pixabay) or a UNIX time (Pexels)', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(100, 60_000, clock);
    limiter.observe(new Headers({'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '42'}));
    await limiter.acquire();
    expect(clock.slept).toEqual([42_000]);
    limiter.observe(new Headers({'X-Ratelimit-Remaining': '0', 'X-Ratelimit-Reset': String(Math.floor(clock.t / 1000) + 90)}));
    await limiter.acquire();
    expect(clock.slept[1]).toBeCloseTo(90_000, -3);
  });

  it('stops the build with the reset time rather than sit out a monthly quota', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(200, 3600_000, clock);
    limiter.observe(new Headers({'X-Ratelimit-Remaining': '0', 'X-Ratelimit-Reset': String(Math.floor(clock.t / 1000) + 5 * 86400)}));
    const err = await limiter.acquire().catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitStop);
    expect(err.message).toMatch(/used up until \d{4}-\d\d-\d\dT.*run the same command again/);
    expect(clock.slept).toEqual([]);
  });
});

describe('shards', () => {
  it('puts every id in exactly one of n shards, roughly evenly', () => {
    const ids = Array.from({length: 4000}, (_, i) => `pexels:${100000 + i * 37}`);
    const shards = [1, 2, 3, 4].map((i) => parseShard(`${i}/4`));
    const sizes = shards.map((s) => ids.filter((id) => inShard(id, s)).length);
    expect(ids.every((id) => shards.filter((s) => inShard(id, s)).length === 1)).toBe(true);
    for (const n of sizes) expect(n).toBeGreaterThan(850);
  });

  it('refuses shard numbers outside 1..n', () => {
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '2']) expect(() => parseShard(bad)).toThrow(/--shard must be i\/n/);
  });
});

describe('ApiCache', () => {
  it('answers for 24 hours, then no more; the key parameter is not part of the cache key', () => {
    const clock = {t: 0};
    const cache = new ApiCache(mkdtempSync(join(tmpdir(), 'cliche-cache-')), () => clock.t);
    const k1 = cacheKey('https://api.test/?key=AAA&q=cat&page=1');
    expect(k1).toBe(cacheKey('https://api.test/?page=1&q=cat&key=BBB'));
    cache.put(k1, {hits: [1]});
    clock.t = CACHE_TTL_MS - 1000;
    expect(cache.get(k1)).toEqual({hits: [1]});
    clock.t = CACHE_TTL_MS + 1000;
    expect(cache.get(k1)).toBeUndefined();
  });
});

describe('Checkpoint', () => {
  const print = {width: 10, height: 8, workW: 320, workH: 256, slots: Uint16Array.of(1, 5, 9), hi: Uint32Array.of(1, 2, 0xffffffff), lo: Uint32Array.of(7, 8, 9), fineSlots: Uint16Array.of(0, 3), fine: Uint16Array.of(0xbeef, 12)};

  it('gives back what an earlier run recorded, ignoring a last line torn by a kill', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cliche-ckpt-')), 'x.cliche');
    const a = new Checkpoint(out, {from: 'pexels'});
    a.add({meta: {id: 'pexels:1', photographer: 'A'}, print});
    a.add({meta: {id: 'pexels:2'}, error: 'damaged image'});
    appendFileSync(join(a.dir, 'photos.jsonl'), '{"meta":{"id":"pexels:3"},"si');
    const b = new Checkpoint(out, {from: 'pexels'});
    expect([...b.done.keys()]).toEqual(['pexels:1', 'pexels:2']);
    const one = b.done.get('pexels:1')!;
    expect('print' in one && [...one.print.hi]).toEqual([1, 2, 0xffffffff]);
    expect('print' in one && one.print.slots).toEqual(print.slots);
    expect('print' in one && [...one.print.fineSlots, ...one.print.fine]).toEqual([0, 3, 0xbeef, 12]);
    b.add({meta: {id: 'pexels:3'}, error: 'x'});
    expect(readFileSync(join(b.dir, 'photos.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).meta.id)).toEqual(['pexels:1', 'pexels:2', 'pexels:3']);
  });

  it('refuses a checkpoint of another job', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cliche-ckpt-')), 'x.cliche');
    new Checkpoint(out, {from: 'pexels', query: 'cat'});
    expect(() => new Checkpoint(out, {from: 'pexels', query: 'dog'})).toThrow(/unfinished build with other options/);
  });
});

describe('Unsplash Dataset reading', () => {
  it('streams TSV rows with quoted fields holding tabs, newlines and quotes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cliche-tsv-')), 'photos.tsv000');
    writeFileSync(file, 'photo_id\tphoto_description\tstats_downloads\r\nabc\t"line one\nline\ttwo ""q"""\t12\r\ndef\tplain\t3\n');
    const rows = [];
    for await (const r of tsvRows(file)) rows.push(r);
    expect(rows).toEqual([
      {photo_id: 'abc', photo_description: 'line one\nline\ttwo "q"', stats_downloads: '12'},
      {photo_id: 'def', photo_description: 'plain', stats_downloads: '3'},
    ]);
  });

  it('asks for a bounded size through the resize parameters, on the mirror when one is given', () => {
    const u = new URL(imageUrl('https://images.unsplash.com/photo-1416339306562-f3d12fefd36f?ixid=abc'));
    expect(u.searchParams.get('w')).toBe('1080');
    expect(u.searchParams.get('ixid')).toBe('abc');
    expect(imageUrl('https://images.unsplash.com/photo-1', 'http://127.0.0.1:9/mirror/')).toBe('http://127.0.0.1:9/mirror/photo-1?w=1080&fm=jpg&q=80');
  });
});

describe('Progress', () => {
  const stream = (isTTY: boolean) => {
    const out = {isTTY, text: '', write: (s: string) => ((out.text += s), true)};
    return out;
  };

  it('always prints the last photo, and shows ? while the total is unknown', () => {
    const log = stream(false);
    const p = new Progress('fingerprinting', 0, log as unknown as NodeJS.WriteStream);
    p.tick();
    p.setTotal(3);
    p.tick();
    p.tick();
    expect(log.text.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/ 1\/\? .*ETA \?$/), expect.stringMatching(/ 3\/3 .*ETA 0s$/)]);
  });

  it('ends an open terminal line when a total estimate was never met', () => {
    const tty = stream(true);
    const p = new Progress('fingerprinting', 5, tty as unknown as NodeJS.WriteStream);
    p.tick();
    expect(tty.text.endsWith('\n')).toBe(false);
    p.finish();
    expect(tty.text.endsWith('\n')).toBe(true);
  });
});
