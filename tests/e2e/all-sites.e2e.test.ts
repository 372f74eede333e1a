/**
 * The all-sites switch in real browsers, as far as one can go without clicking a permission prompt
 * (native UI in Chromium; Firefox's BiDi refuses to open extension pages): with `<all_urls>` granted
 * at install (moved from optional to host_permissions in a copy of the build, the state the switch
 * leaves once the user accepts), Firefox ESR and Chromium flag the cover of a site the manifest does
 * not match, with no toolbar click; without it, a page load does not even wake Chromium's stopped
 * worker. The options-page side (request, refusal, removal) is unit-tested with the permissions API
 * faked (src/ui/options/all-sites.test.ts, src/background/all-sites.test.ts).
 */
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {stopServiceWorker} from '../../tools/browser/extension-control.js';
import {startServer, type FixtureServer} from '../../tools/browser/https-server.js';
import {launch, serviceWorker, type Launched} from '../../tools/browser/launch.js';
import {launchFixtureFirefox, type FixtureFirefox} from './firefox-launch.js';
import {fixtureRoutes, OTHER_SITE} from './site-fixtures.js';
import {waitForMarkers} from './wait.js';

/** A copy of a build with <all_urls> granted at install, as both browsers do for host_permissions. */
function granted(buildDir: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'cliche-all-sites-')), 'ext');
  cpSync(buildDir, dir, {recursive: true});
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  expect(manifest.optional_host_permissions).toEqual(['<all_urls>']);
  manifest.host_permissions.push('<all_urls>');
  delete manifest.optional_host_permissions;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

/** The extension's service worker states Chromium reports from now on ('starting', 'running', ...). */
async function workerStates(browser: Launched, page: Page): Promise<string[]> {
  const states: string[] = [];
  const cdp = await browser.context.newCDPSession(page);
  cdp.on('ServiceWorker.workerVersionUpdated', (e: {versions: {scriptURL: string; runningStatus: string}[]}) => {
    for (const v of e.versions) if (v.scriptURL.includes(browser.extensionId)) states.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  return states;
}

/**
 * Resolves once the worker does (`wanted`) or does not have a tabs.onUpdated listener: its start-up
 * finished with or without the all-sites permission. A worker stopped before that may wake, or not,
 * as its start-up left it, not as the permission says.
 */
async function tabListener(browser: Launched, wanted: boolean): Promise<void> {
  const worker = await serviceWorker(browser.context);
  for (let tries = 0; tries < 200; tries++) {
    const has = await worker.evaluate(() => (globalThis as {chrome?: any}).chrome.tabs.onUpdated.hasListeners()); // eslint-disable-line @typescript-eslint/no-explicit-any
    if (has === wanted) {
      // The worker tells the browser of a removed listener by a message of its own: a stop right
      // after hasListeners() turned false could come first and leave the wake-up registered (a
      // fresh-clone CI run saw the worker woken). Give the browser a moment to take it in.
      if (!wanted) await new Promise((r) => setTimeout(r, 500));
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the worker's tab listener was ${wanted ? 'still missing' : 'still there'} after 5 s`);
}

let server: FixtureServer;
beforeAll(async () => {
  server = await startServer(await fixtureRoutes());
});
afterAll(async () => {
  await server?.close();
});

describe('all-sites switch, permission granted', () => {
  it('Firefox ESR scans a page of another site as it loads and flags its stock photo', async () => {
    const ff: FixtureFirefox = await launchFixtureFirefox();
    try {
      await ff.browser.installExtension(granted(inject('firefoxDir')));
      const page = await ff.browser.newPage();
      await page.goto(OTHER_SITE.pageUrl, {waitUntil: 'load'});
      // The overlay host is made with the first marker: the castle photo was flagged, unprompted.
      await page.waitForSelector('cliche-overlay', {timeout: 30_000});
      // Once by the page, once by the extension's own download (a separate cache partition).
      expect(ff.server.requests.filter((r) => r === OTHER_SITE.imageRequest).length).toBeGreaterThanOrEqual(2);
    } finally {
      await ff.close();
    }
  });

  it('Chromium does the same, waking its stopped worker for the page load', async () => {
    const browser = await launch(granted(inject('extensionDir')), server.port);
    try {
      const ext = await browser.context.newPage();
      await ext.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
      await tabListener(browser, true);
      await stopServiceWorker(browser.context, ext);
      const states = await workerStates(browser, ext);
      const page = await browser.context.newPage();
      await page.goto(OTHER_SITE.pageUrl, {waitUntil: 'load'});
      expect(await waitForMarkers(page)).toEqual(['Stock photo · Fixture Stock · 2.1M downloads']);
      expect(states).toContain('running');
    } finally {
      await browser.context.close();
    }
  });
});

describe('all-sites switch off (the default)', () => {
  it('a page load of another site does not wake the stopped worker, nor scan', async () => {
    const browser = await launch(inject('extensionDir'), server.port);
    try {
      const ext = await browser.context.newPage();
      await ext.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
      // The worker takes its tab listener away once its start-up asks for the permission: a stop
      // before that (this test's, not the browser's 30 s idle one) would leave the listener registered.
      await tabListener(browser, false);
      await stopServiceWorker(browser.context, ext);
      const states = await workerStates(browser, ext);
      const before = server.requests.length;
      const page = await browser.context.newPage();
      await page.goto(OTHER_SITE.pageUrl, {waitUntil: 'load'});
      // With a tab listener in place the worker starts within the page's own load (measured); the
      // wait only lets a late start show up.
      await page.waitForTimeout(2_000);
      // DevTools first reports the current state ('stopped'); a wake would add 'starting', 'running'.
      expect(states.filter((x) => x !== 'stopped')).toEqual([]);
      expect(server.requests.slice(before).filter((r) => r === OTHER_SITE.imageRequest)).toHaveLength(1);
    } finally {
      await browser.context.close();
    }
  });
});
