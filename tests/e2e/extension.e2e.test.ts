/** The built extension in Chromium, on fixture copies of real site structures under their real hosts. */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {Page} from 'playwright-core';
import {badgeOf, clickToolbar, stopServiceWorker} from '../../tools/browser/extension-control.js';
import {serviceWorker} from '../../tools/browser/launch.js';
import {SITES} from './site-fixtures.js';
import {useFixtureBrowser} from './fixture-browser.js';
import {clickMarker, panelText, poll, waitForMarkers} from './wait.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const env = useFixtureBrowser();

async function openSite(url: string): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(url, {waitUntil: 'load'});
  return page;
}

describe('automatic scan on supported sites', () => {
  it.each(SITES)('$site: the stock cover gets a marker and the badge counts it', async ({pageUrl, photoId, coverRequest}) => {
    const page = await openSite(pageUrl);
    const labels = await waitForMarkers(page);
    // Time from the load event to the marker, as the page saw it (reported, never asserted).
    const ms = await page.evaluate(() => performance.now() - performance.getEntriesByType('navigation')[0].toJSON().loadEventEnd);
    console.log(`[e2e] ${new URL(pageUrl).host}: flagged ${Math.round(ms)} ms after load`);
    expect(labels).toEqual(['Stock photo · Fixture Stock · 2.1M downloads']);
    await poll(async () => (await badgeOf(env.browser.context, pageUrl)).text).toBe('1');
    expect(env.server.requests).toContain(coverRequest);
    // The marker opens the details, page text only.
    await clickMarker(page);
    await poll(() => panelText(page)).toContain(photoId);
    await page.close();
  });

  it('markers do not change the page layout', async () => {
    const page = await openSite(SITES[0].pageUrl);
    await waitForMarkers(page);
    const box = await page.evaluate(() => {
      const r = document.querySelector('h1')!.getBoundingClientRect();
      return {top: r.top, left: r.left, bodyHeight: document.body.scrollHeight};
    });
    await page.evaluate(() => document.querySelector('cliche-overlay')!.remove());
    const after = await page.evaluate(() => {
      const r = document.querySelector('h1')!.getBoundingClientRect();
      return {top: r.top, left: r.left, bodyHeight: document.body.scrollHeight};
    });
    expect(after).toEqual(box);
    await page.close();
  });

  it('leaves a site alone while its automatic scan is off, until the toolbar asks', async () => {
    const setAutoScan = async (on: boolean) => {
      const ext = await env.browser.context.newPage();
      await ext.goto(`chrome-extension://${env.browser.extensionId}/src/ui/options/index.html`);
      await ext.evaluate((v) => (globalThis as any).chrome.runtime.sendMessage({type: 'setSettings', req: {settings: {autoScan: {facebook: v}}}}), on);
      await ext.close();
    };
    const {pageUrl} = SITES[0];
    await setAutoScan(false);
    try {
      const page = await openSite(pageUrl);
      // A scan that ignored the switch has its cover's answer within ~0.3 s of the load event here.
      await page.waitForTimeout(1500);
      expect(await page.evaluate(() => document.querySelector('cliche-overlay'))).toBeNull();
      const {tabId, text} = await badgeOf(env.browser.context, pageUrl);
      const worker = await serviceWorker(env.browser.context);
      expect(await worker.evaluate((id) => (globalThis as any).clicheTest.tabResults(id).then((r: any) => r.checked), tabId)).toBe(0);
      expect(text).toBe('');
      // The content script is there and answers the toolbar's scan.
      await clickToolbar(env.browser.context, env.browser.extensionId, page);
      expect(await waitForMarkers(page)).toEqual(['Stock photo · Fixture Stock · 2.1M downloads']);
      await page.close();
    } finally {
      await setAutoScan(true);
    }
  });
});

describe('popup', () => {
  it('lists the current tab result and the history entry, and exports it as CSV', async () => {
    const site = await openSite(SITES[0].pageUrl);
    await waitForMarkers(site);
    const {tabId} = await badgeOf(env.browser.context, SITES[0].pageUrl);
    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/src/ui/popup/index.html?tab=${tabId}`);
    const flag = popup.locator('.tab-results .flag');
    await poll(() => flag.count()).toBe(1);
    expect(await flag.textContent()).toContain('fixture:landscape-mountains');
    expect(await flag.textContent()).toContain('Test Photographer');
    const entry = popup.locator('.history-entry', {hasText: SITES[0].pageUrl});
    await poll(() => entry.count()).toBe(1);
    // CSV export: a real download of the history, one row for the flagged cover.
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('.export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^cliche-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^page_url,image_url,slot,library,photo_id/);
    expect(csv.find((line) => line.startsWith(SITES[0].pageUrl))).toContain('fixture:landscape-mountains');
    await popup.close();
    await site.close();
  });
});

describe('right-click "Check this image"', () => {
  it('checks an <img> through the menu handler and answers in a page panel', async () => {
    const page = await openSite(SITES[2].pageUrl);
    await waitForMarkers(page);
    const {tabId} = await badgeOf(env.browser.context, SITES[2].pageUrl);
    const worker = await serviceWorker(env.browser.context);
    const src = `https://${SITES[2].coverRequest}`;
    const result = await worker.evaluate(([tabId, src, url]) => (globalThis as any).clicheTest.menuClick(
      {menuItemId: 'cliche-check-image', mediaType: 'image', srcUrl: src, frameId: 0, pageUrl: url}, {id: tabId, url}), [tabId, src, SITES[2].pageUrl] as const);
    expect(result.flag.meta.id).toBe(SITES[2].photoId);
    await poll(() => panelText(page)).toContain('Confidence');
    await page.close();
  });

  it('finds a CSS background image under the pointer and says when nothing matches', async () => {
    const page = await openSite(SITES[1].pageUrl);
    await waitForMarkers(page);
    const {tabId} = await badgeOf(env.browser.context, SITES[1].pageUrl);
    const worker = await serviceWorker(env.browser.context);
    // A real right-click: the content script ignores synthetic (page-made) contextmenu events.
    const click = (selector: string) => page.locator(selector).click({button: 'right'});
    const menu = () => worker.evaluate(([tabId, url]) => (globalThis as any).clicheTest.menuClick(
      {menuItemId: 'cliche-check-image', frameId: 0, pageUrl: url}, {id: tabId, url}), [tabId, SITES[1].pageUrl] as const);
    await click('.bg');
    expect((await menu()).flag.meta.id).toBe(SITES[1].photoId);
    await click('a[href="/acme/photo"] img');
    expect(await menu()).toEqual({flag: null});
    await poll(() => panelText(page)).toContain('No match in your indexes.');
    await page.close();
  });
});

describe('history', () => {
  // Runs last: the history holds what the tests above flagged.
  it('survives a service-worker restart', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/src/ui/options/index.html`);
    await stopServiceWorker(env.browser.context, page);
    // The popup's request wakes a fresh worker, which must read the history back from storage.
    await page.goto(`chrome-extension://${env.browser.extensionId}/src/ui/popup/index.html?tab=999999`);
    for (const {pageUrl} of SITES) await poll(() => page.locator('.history-entry', {hasText: pageUrl}).count()).toBe(1);
    await page.close();
  });
});
