/** MV3 lifecycle: the service worker stopped mid-scan, between an image's download and its history write. */
import type {IncomingMessage, ServerResponse} from 'node:http';
import {describe, expect, it} from 'vitest';
import {stopServiceWorker} from '../../tools/browser/extension-control.js';
import type {FixtureServer} from '../../tools/browser/https-server.js';
import {useFixtureBrowser} from './fixture-browser.js';
import {historyOf, tabFlags, tabOf} from './extension-state.js';
import {hardeningRoutes, STOCK} from './hardening-fixtures.js';
import {markerTexts, poll} from './wait.js';

const env = useFixtureBrowser({}, hardeningRoutes);

/**
 * Holds the extension's own downloads of the page's images (fetch: Sec-Fetch-Dest "empty"; the
 * page's <img> loads, "image", pass) until released, so the test knows the worker is mid-check.
 */
function holdWorkerDownloads(server: FixtureServer, path: string) {
  const [serve] = server.server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.server.removeAllListeners('request');
  const held: (() => void)[] = [];
  let seen = 0;
  let open = false;
  server.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const mine = req.url?.startsWith(path) && req.headers['sec-fetch-dest'] === 'empty';
    if (!mine || open) return serve.call(server.server, req, res);
    seen++;
    held.push(() => serve.call(server.server, req, res));
  });
  return {
    /** Downloads asked so far while held. */
    seen: () => seen,
    release() {
      open = true;
      for (const h of held.splice(0)) h();
    },
  };
}

describe('service worker stopped mid-scan', () => {
  it('every stock photo is still flagged, with exactly one history entry each, counted once per visit', async () => {
    const {context, extensionId} = env.browser;
    const extensionPage = await context.newPage();
    await extensionPage.goto(`chrome-extension://${extensionId}/src/ui/options/index.html`);
    const gate = holdWorkerDownloads(env.server, '/stock/');

    const page = await context.newPage();
    await page.goto(STOCK.pageUrl, {waitUntil: 'load'});
    // The worker has started downloading: it is between a fetch and the history write.
    await poll(() => gate.seen()).toBeGreaterThanOrEqual(1);
    const before = gate.seen();
    await stopServiceWorker(context, extensionPage);
    // The page's checks got no answer; it asks again, which wakes a new worker that downloads again.
    await poll(() => gate.seen()).toBeGreaterThan(before);
    gate.release();

    await poll(async () => (await markerTexts(page)).length).toBe(STOCK.photos.length);
    const expected = STOCK.photos.map((p) => `fixture:${p}`).sort();
    const {tabId} = await tabOf(context, STOCK.pageUrl);
    await poll(async () => (await tabFlags(context, tabId)).map((f) => f.meta.id).sort()).toEqual(expected);
    const entries = async () => (await historyOf(context)).filter((e) => e.pageUrl === STOCK.pageUrl);
    await poll(async () => (await entries()).map((e) => e.meta.id).sort()).toEqual(expected);
    expect((await entries()).map((e) => e.timesSeen)).toEqual(expected.map(() => 1));

    // A new visit after the restart: the same entries, each seen once more.
    await page.reload({waitUntil: 'load'});
    await poll(async () => (await entries()).map((e) => e.timesSeen)).toEqual(expected.map(() => 2));
    expect((await entries()).map((e) => e.meta.id).sort()).toEqual(expected);
    await page.close();
    await extensionPage.close();
  });
});
