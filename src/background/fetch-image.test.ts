import {createServer, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fetchImage, ImageFetchError} from './fetch-image.js';

// Node's fetch stands in for the browser's: same API, same AbortSignal.timeout.
const IMAGE = Buffer.alloc(4000, 7);
const limits = {timeoutMs: 400, maxBytes: 10_000};
const open = new Set<ServerResponse>();
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const routes: Record<string, () => void> = {
      '/ok.jpg': () => res.writeHead(200, {'content-type': 'image/jpeg'}).end(IMAGE),
      '/untyped': () => res.writeHead(200).end(IMAGE),
      '/login': () => res.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end('<!doctype html>'),
      '/empty.jpg': () => res.writeHead(200, {'content-type': 'image/jpeg'}).end(),
      '/declared-huge.jpg': () => res.writeHead(200, {'content-type': 'image/jpeg', 'content-length': '99999999'}).end(),
      '/endless.jpg': () => {
        // No length, and more bytes than the cap: must be cut while streaming.
        res.writeHead(200, {'content-type': 'image/jpeg'});
        for (let i = 0; i < 30; i++) res.write(Buffer.alloc(1000));
        open.add(res);
      },
      '/stall.jpg': () => {
        res.writeHead(200, {'content-type': 'image/jpeg', 'content-length': String(IMAGE.length)});
        res.write(IMAGE.subarray(0, 100));
        open.add(res);
      },
      '/silent.jpg': () => void open.add(res),
      '/loop': () => res.writeHead(302, {location: '/loop'}).end(),
      '/reset.jpg': () => {
        res.writeHead(200, {'content-type': 'image/jpeg', 'content-length': String(IMAGE.length)});
        res.write(IMAGE.subarray(0, 100), () => res.socket?.destroy());
      },
    };
    (routes[req.url ?? ''] ?? (() => res.writeHead(404).end()))();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of open) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const failure = async (path: string) => {
  const err = await fetchImage(base + path, fetch, limits).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ImageFetchError);
  return (err as Error).message;
};

describe('fetchImage', () => {
  it('returns the bytes of an image, typed or not', async () => {
    expect((await fetchImage(`${base}/ok.jpg`, fetch, limits)).size).toBe(IMAGE.length);
    expect((await fetchImage(`${base}/untyped`, fetch, limits)).size).toBe(IMAGE.length);
  });

  it('gives each failure its own reason, and every download an end', async () => {
    expect(await failure('/gone.jpg')).toBe('the image server answered 404');
    expect(await failure('/login')).toBe('not an image (text/html)');
    expect(await failure('/empty.jpg')).toBe('the image server sent an empty answer');
    expect(await failure('/declared-huge.jpg')).toMatch(/^image too large/);
    expect(await failure('/endless.jpg')).toMatch(/^image too large/);
    expect(await failure('/stall.jpg')).toBe('the image server did not answer within 0.4 s');
    expect(await failure('/silent.jpg')).toBe('the image server did not answer within 0.4 s');
    expect(await failure('/loop')).toMatch(/^could not download the image from 127\.0\.0\.1:\d+ \(.*redirected in a loop\)$/);
    expect(await failure('/reset.jpg')).toMatch(/^the download from 127\.0\.0\.1:\d+ broke off$/);
  });

  it('says when the server refuses the connection', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/x.jpg`;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(fetchImage(url, fetch, limits)).rejects.toThrow(/^could not download the image from 127\.0\.0\.1/);
  });
});
