/**
 * A page whose images fail in every way a server can fail (404, a page served as an image, cut-off
 * file, decompression bomb, noise, a response that never comes, a redirect loop, a host the
 * extension may not read) next to one stock cover: the cover is still flagged, every other image
 * ends with a clear reason, and nothing is left waiting.
 */
import {join} from 'node:path';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {badgeOf} from '../../tools/browser/extension-control.js';
import {startServer, type FixtureServer, type Route} from '../../tools/browser/https-server.js';
import {launch, serviceWorker, type Launched} from '../../tools/browser/launch.js';
import {banner} from '../../tools/browser/banner.js';
import {badImages, noise, pngBomb} from '../cli/bad-images.js';
import {PHOTO_DIR} from './fixture-index.js';
import {panelText, poll, waitForMarkers} from './wait.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PAGE = 'https://www.facebook.com/hardening-fixture';
const CDN = 'https://scontent.xx.fbcdn.net/bad';
/** Each bad image and the answer the background must give for it (a "Check this image" result). */
const BAD: {path: string; route?: Route; answer: RegExp | null}[] = [
  {path: `${CDN}/missing.jpg`, answer: /^the image server answered 404$/},
  {path: `${CDN}/login.jpg`, route: {type: 'text/html; charset=utf-8', body: '<!doctype html><p>Log in to see this</p>'}, answer: /^not an image \(text\/html\)$/},
  {path: `${CDN}/page-typed-as-jpeg.jpg`, route: {type: 'image/jpeg', body: '<!doctype html><p>Not available</p>'}, answer: /^not an image \(a web page\)$/},
  {path: `${CDN}/truncated.jpg`, answer: /^damaged image \(JPEG cut off before its end\)$/},
  {path: `${CDN}/bomb.png`, route: {type: 'image/png', body: pngBomb()}, answer: /^image too large \(30000x30000, over 40 megapixels\)$/},
  {path: `${CDN}/noise.jpg`, route: {type: 'image/jpeg', body: noise(20_000)}, answer: /^damaged or unsupported image$/},
  {path: `${CDN}/hang.jpg`, answer: /^the image server did not answer within 15 s$/},
  {path: `${CDN}/loop.jpg`, answer: /^could not download the image from scontent\.xx\.fbcdn\.net \(/},
  // No host permission and no CORS header: the browser refuses the worker's fetch.
  {path: 'https://images.elsewhere.example/photo.jpg', answer: /^could not download the image from images\.elsewhere\.example \(/},
  {path: `${CDN}/drawing.svg`, route: {type: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect width="600" height="400" fill="#3a6"/></svg>'}, answer: null},
];
const COVER = 'scontent.xx.fbcdn.net/v/t39.30808-6/cover.jpg';
/** Valid but unusual encodings of a cover cut from an indexed photo: the browser's decoder must see the photo. */
const ODD = ['cmyk.jpg', 'deep.png', 'rotated.jpg', 'animated.gif', 'animated.webp'];
const ODD_PHOTO = 'fixture:city-night';

const host = (url: string) => url.replace(/^https:\/\//, '');
let server: FixtureServer;
let browser: Launched;
const hanging = new Set<ServerResponse>();

beforeAll(async () => {
  const cover = await banner(join(PHOTO_DIR, 'landscape-mountains.jpg'), 820 / 312, 820);
  const imgs = BAD.map((b) => `<img src="${b.path}" width="300" height="200" alt="">`).join('\n');
  const routes = new Map<string, Route>([
    [host(PAGE), {type: 'text/html; charset=utf-8', body: `<!doctype html><html><head><meta charset="utf-8"><title>Bad images</title>
<style>body{margin:0} img{display:block}</style></head><body>
<div data-pagelet="ProfileCover"><img data-imgperflogname="profileCoverPhoto" src="https://${COVER}" width="820" height="312" alt=""></div>
<h1>A page of broken images</h1>
${imgs}
</body></html>`}],
    [COVER, {type: 'image/jpeg', body: cover}],
    [`${host(CDN)}/truncated.jpg`, {type: 'image/jpeg', body: cover.subarray(0, cover.length >> 1)}],
    ...BAD.filter((b) => b.route).map((b) => [host(b.path), b.route!] as [string, Route]),
    ...(await badImages(await banner(join(PHOTO_DIR, 'city-night.jpg'), 3, 1500), ODD_PHOTO))
      .filter((b) => ODD.includes(b.name))
      .map((b) => [`${host(CDN)}/odd/${b.name}`, {type: `image/${b.name.split('.')[1].replace('jpg', 'jpeg')}`, body: b.bytes}] as [string, Route]),
  ]);
  server = await startServer(routes);
  // Answers a static route table cannot give: a response that never comes, a redirect to itself.
  const [fixed] = server.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.server.removeAllListeners('request');
  server.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const key = `${(req.headers.host ?? '').replace(/:\d+$/, '')}${req.url}`;
    if (key === `${host(CDN)}/hang.jpg`) {
      server.requests.push(key);
      hanging.add(res);
    } else if (key === `${host(CDN)}/loop.jpg`) {
      server.requests.push(key);
      res.writeHead(302, {location: `${CDN}/loop.jpg`, 'cache-control': 'no-store'}).end();
    } else fixed(req, res);
  });
  browser = await launch(inject('extensionDir'), server.port);
}, 120_000);

afterAll(async () => {
  await browser?.context.close();
  for (const res of hanging) res.destroy();
  await server?.close();
});

describe('a page of bad images next to a stock cover', () => {
  it('flags the cover, gives every bad image a clear reason, and leaves no check waiting', async () => {
    const page = await browser.context.newPage();
    // Not 'load': the page's own <img> of the stalled URL holds its load event too.
    await page.goto(PAGE, {waitUntil: 'domcontentloaded'});
    expect(await waitForMarkers(page)).toEqual(['Stock photo · Fixture Stock · 2.1M downloads']);
    const {tabId} = await badgeOf(browser.context, PAGE);
    await poll(async () => (await badgeOf(browser.context, PAGE)).text).toBe('1');
    expect(server.requests).toContain(`${host(CDN)}/hang.jpg`);
    expect(server.requests).toContain(`${host(CDN)}/bomb.png`);

    // Nothing left waiting: the tab's results count every image of the scan as checked, the
    // stalled one included once its download limit ran out.
    const worker = await serviceWorker(browser.context);
    const tabResults = () => worker.evaluate((id) => (globalThis as any).clicheTest.tabResults(id), tabId);
    await expect.poll(async () => (await tabResults()).checked, {timeout: 45_000, interval: 250}).toBeGreaterThanOrEqual(1 + BAD.length);
    const results = await tabResults();
    expect(results.flags.map((f: {meta: {id: string}}) => f.meta.id)).toEqual(['fixture:landscape-mountains']);
    expect(results.error).toEqual(expect.any(String));

    // Per image, the answer "Check this image" gives (the real menu handler, all at once).
    const answers: {flag?: unknown; error?: string}[] = await worker.evaluate(([tabId, urls, pageUrl]) => Promise.all(urls.map((srcUrl) =>
      (globalThis as any).clicheTest.menuClick({menuItemId: 'cliche-check-image', mediaType: 'image', srcUrl, frameId: 0, pageUrl}, {id: tabId, url: pageUrl}))),
    [tabId, BAD.map((b) => b.path), PAGE] as const);
    BAD.forEach((b, i) => {
      if (b.answer === null) expect(answers[i], b.path).toEqual({flag: null});
      else expect(answers[i].error, b.path).toMatch(b.answer);
    });
    // The page's answer panel says why in words: the stalled download answers last.
    await poll(() => panelText(page)).toContain('the image server did not answer within 15 s');

    // CMYK, 16-bit, EXIF-rotated and animated encodings of a stock cover are still flagged.
    const odd: {flag?: {meta: {id: string}}; error?: string}[] = await worker.evaluate(([tabId, urls, pageUrl]) => Promise.all(urls.map((srcUrl) =>
      (globalThis as any).clicheTest.menuClick({menuItemId: 'cliche-check-image', mediaType: 'image', srcUrl, frameId: 0, pageUrl}, {id: tabId, url: pageUrl}))),
    [tabId, ODD.map((n) => `${CDN}/odd/${n}`), PAGE] as const);
    expect(Object.fromEntries(ODD.map((n, i) => [n, odd[i].flag?.meta.id ?? odd[i].error]))).toEqual(Object.fromEntries(ODD.map((n) => [n, ODD_PHOTO])));
    await page.close();
  }, 120_000);
});
