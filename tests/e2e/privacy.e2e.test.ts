/** Privacy: scanning a page requests that page's own images and nothing else, from any host. */
import {describe, expect, it} from 'vitest';
import {useFixtureBrowser} from './fixture-browser.js';
import {tabFlags, tabOf} from './extension-state.js';
import {SITES} from './site-fixtures.js';
import {poll, waitForMarkers} from './wait.js';

const env = useFixtureBrowser();

describe('privacy', () => {
  it('a scan and the popup request only the page, its own resources and its images', async () => {
    const {context, extensionId} = env.browser;
    const {server} = env;
    // Every host name resolves to the fixture server (--host-resolver-rules MAP *), so its log is
    // every HTTPS request the browser made, the worker's included.
    // Who asked, as the browser reports it, any scheme: our worker or pages ("extension"), or the page.
    const byWhom = new Map<string, Set<string>>();
    context.on('request', (r) => {
      const from = r.serviceWorker()?.url() ?? r.frame().url();
      const who = from.startsWith(`chrome-extension://${extensionId}/`) ? 'extension' : 'page';
      const key = r.url().replace(/^https:\/\//, '').split('?')[0];
      if (!byWhom.has(key)) byWhom.set(key, new Set());
      byWhom.get(key)!.add(who);
    });
    const before = server.requests.length;

    const site = SITES[0];
    const page = await context.newPage();
    await page.goto(site.pageUrl, {waitUntil: 'load'});
    await waitForMarkers(page);
    const {tabId} = await tabOf(context, site.pageUrl);
    // Both images answered (the cover flagged, the avatar not): the scan is over.
    await poll(async () => (await tabFlags(context, tabId)).length).toBe(1);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/ui/popup/index.html?tab=${tabId}`);
    await poll(() => popup.locator('.tab-results .flag').count()).toBe(1);
    await poll(() => popup.locator('.history-entry').count()).toBeGreaterThan(0);

    const host = (u: string) => new URL(u).host;
    const pageImages = await page.evaluate(() => [...document.querySelectorAll('img, svg image')].map((e) =>
      (e as HTMLImageElement).currentSrc || (e as SVGImageElement).href.baseVal));
    const allowed = new Set([site.pageUrl, ...pageImages, `https://${host(site.pageUrl)}/favicon.ico`].map((u) => u.replace(/^https:\/\//, '')));
    const requested = new Set(server.requests.slice(before));
    console.log(`[e2e] privacy: ${[...requested].map((r) => `${r} (${[...byWhom.get(r) ?? ['browser']].join('+')})`).join(', ')}`);
    // Everything the extension asked for off the machine: the page's images, nothing more.
    const fromExtension = [...byWhom].filter(([r, who]) => who.has('extension') && !r.startsWith('chrome-extension:')).map(([r]) => r);
    expect(fromExtension.sort()).toEqual(pageImages.map((u) => u.replace(/^https:\/\//, '')).sort());
    // Everything that reached the network at all: the page, its resources and images, plus requests
    // neither a page nor an extension made: Chromium's own calls to its Google services (update and
    // sign-in checks that --disable-background-networking does not silence), made without us too.
    const browserOwn = (r: string) => !byWhom.has(r) && /^[^/]*\.(google\.com|googleapis\.com)\//.test(r);
    expect([...requested].filter((r) => !allowed.has(r) && !browserOwn(r))).toEqual([]);
    // Not vacuous: the page loaded its cover and the extension downloaded it again itself (no-store).
    expect(server.requests.slice(before).filter((r) => r === site.coverRequest).length).toBeGreaterThanOrEqual(2);
    await popup.close();
    await page.close();
  });
});
