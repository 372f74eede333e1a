/**
 * Index management in the built extension: import a file in the options page, subscribe to one
 * served on loopback HTTPS, see both listed and used for matches, and a corrupt update refused
 * while the previous version stays in use (also after the worker restarts and reloads it from
 * IndexedDB); the popup shows the match's overuse score.
 */
import {join} from 'node:path';
import type {Page} from 'playwright-core';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {decodeImage} from '../../src/cli/decode.js';
import {buildPhotoSet} from '../../src/core/build-photo-set.js';
import {combinePhotoSets} from '../../src/core/combine-photo-sets.js';
import {fingerprintPhoto} from '../../src/core/fingerprint.js';
import {encodeIndex} from '../../src/core/index-file.js';
import {badgeOf, stopServiceWorker} from '../../tools/browser/extension-control.js';
import {startServer, type FixtureServer, type Route} from '../../tools/browser/https-server.js';
import {launch, serviceWorker, type Launched} from '../../tools/browser/launch.js';
import {syntheticIndex} from '../bench/synthetic-index.js';
import {fixtureMeta, PHOTO_DIR} from './fixture-index.js';
import {fixtureRoutes, SITES} from './site-fixtures.js';
import {poll, waitForMarkers} from './wait.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Chromium asks for a new host permission in native UI that a test cannot click, so the index is
 * served from a host the extension already holds (the Facebook fixture host): permissions.request
 * then answers true at once and the rest of the path (download, checks, storage) is the real one.
 */
const INDEX_ROUTE = 'www.facebook.com/indexes/team.cliche';
const [FACEBOOK, X, LINKEDIN] = [SITES[0], SITES[1], SITES[2]];

async function oneIndex(photo: string, id: string, library: string): Promise<Buffer> {
  const print = fingerprintPhoto(await decodeImage(join(PHOTO_DIR, photo)));
  return Buffer.from(encodeIndex(buildPhotoSet([print], [{...fixtureMeta(photo), id, library}])));
}

let server: FixtureServer;
let browser: Launched;
const routes = new Map<string, Route>();
let teamIndex: Buffer;

beforeAll(async () => {
  for (const [k, v] of await fixtureRoutes()) routes.set(k, v);
  teamIndex = await oneIndex('city-night.jpg', 'team:city-night', 'Team Stock');
  routes.set(INDEX_ROUTE, {type: 'application/octet-stream', body: teamIndex});
  server = await startServer(routes);
  browser = await launch(inject('extensionDir'), server.port);
});
afterAll(async () => {
  await browser?.context.close();
  await server?.close();
});

const optionsUrl = () => `chrome-extension://${browser.extensionId}/src/ui/options/index.html`;
const row = (page: Page, text: string) => page.locator('tr.index-row', {hasText: text});

async function markerOn(url: string): Promise<string | null> {
  const page = await browser.context.newPage();
  await page.goto(url, {waitUntil: 'load'});
  const [text] = await waitForMarkers(page);
  await page.close();
  return text;
}

/**
 * Stops the worker, opens the site's page, and checks its cover again through the context menu
 * under a new address (`tag`), so no cached answer stands in for the indexes read back.
 */
async function checkAfterRestart(options: Page, site: (typeof SITES)[number], tag: string) {
  await stopServiceWorker(browser.context, options);
  const page = await browser.context.newPage();
  await page.goto(site.pageUrl, {waitUntil: 'load'});
  await waitForMarkers(page);
  const {tabId} = await badgeOf(browser.context, site.pageUrl);
  const worker = await serviceWorker(browser.context);
  const result = await worker.evaluate(([tabId, src, url]) => (globalThis as any).clicheTest.menuClick(
    {menuItemId: 'cliche-check-image', mediaType: 'image', srcUrl: src, frameId: 0, pageUrl: url}, {id: tabId, url}),
  [tabId, `https://${site.coverRequest}?${tag}`, site.pageUrl] as const);
  return {page, tabId: tabId as number, flag: result.flag as {meta: {id: string}} | undefined};
}

describe('index management', () => {
  it('imports a file, subscribes by URL, uses both, keeps the previous index when an update is corrupt, and removes the subscription', async () => {
    const options = await browser.context.newPage();
    await options.goto(optionsUrl());
    const def = options.locator('tr.index-row[data-index-id="default"]');
    await poll(() => def.locator('.index-photos').textContent()).toBe('12');
    // Disabled, so every match below can only come from the indexes added here.
    await def.locator('.index-enabled').uncheck();
    await poll(() => def.textContent()).toContain('not in use');
    expect(await def.locator('.index-remove').count()).toBe(0);

    await options.locator('.index-import').setInputFiles({
      name: 'imported.cliche', mimeType: 'application/octet-stream',
      buffer: await oneIndex('landscape-mountains.jpg', 'imported:landscape-mountains', 'Imported Stock'),
    });
    const imported = row(options, 'imported.cliche');
    await poll(() => imported.locator('.index-photos').textContent()).toBe('1');
    expect(await imported.textContent()).toContain('imported file');
    expect(await markerOn(FACEBOOK.pageUrl)).toBe('Stock photo · Imported Stock · 2.1M downloads');

    await options.locator('.index-subscribe input[name=url]').fill(`https://${INDEX_ROUTE}`);
    await options.locator('.index-subscribe button[type=submit]').click();
    const team = row(options, 'team.cliche');
    await poll(() => team.locator('.index-photos').textContent()).toBe('1');
    expect(await team.textContent()).toContain('subscription');
    expect(await team.textContent()).toContain(`https://${INDEX_ROUTE}`);
    expect(server.requests).toContain(INDEX_ROUTE);
    expect(await markerOn(X.pageUrl)).toBe('Stock photo · Team Stock · 2.1M downloads');

    // The server now sends a damaged file: one byte of the body flipped, so its CRC-32 fails.
    const damaged = Buffer.from(teamIndex);
    damaged[damaged.length - 2] ^= 0xff;
    routes.set(INDEX_ROUTE, {type: 'application/octet-stream', body: damaged});
    await team.locator('.index-update').click();
    await poll(() => team.locator('.index-update-error').textContent()).toContain('index checksum mismatch');
    expect(await team.locator('.index-photos').textContent()).toBe('1');

    // A fresh worker reads the kept file back from IndexedDB and matches with it (a new image
    // URL, so no cached answer stands in for the matcher).
    const {page, tabId, flag} = await checkAfterRestart(options, X, 'after-corrupt-update');
    expect(flag?.meta.id).toBe('team:city-night');

    // The popup shows the match's overuse score: 2.1M downloads / 35M views, seen on one page.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/src/ui/popup/index.html?tab=${tabId}`);
    await poll(() => popup.locator('.tab-results .flag .overuse').first().textContent()).toBe('Overuse 89/100 · heavily overused');
    await poll(() => popup.locator('.history-entry', {hasText: X.pageUrl}).locator('.overuse').textContent()).toBe('Overuse 89/100 · heavily overused');
    await popup.close();

    await options.reload();
    await poll(() => row(options, 'team.cliche').locator('.index-update-error').textContent()).toContain('index checksum mismatch');

    // Removing the subscription takes it off the list; its host permission is one the manifest
    // requires (see above), which the browser refuses to give back: the removal still goes through.
    options.once('dialog', (d) => void d.accept());
    await row(options, 'team.cliche').locator('.index-remove').click();
    await poll(() => options.locator('tr.index-row').allTextContents()).not.toContainEqual(expect.stringContaining('team.cliche'));
    expect(await options.evaluate((o) => (globalThis as any).chrome.permissions.contains({origins: [o]}) as Promise<boolean>, `https://${INDEX_ROUTE.split('/')[0]}/*`)).toBe(true);
    await page.close();
    await options.close();
  });

  it('imports a large index (past 2^18 windows) without loading it, and flags covers from it by passes over the stored file', async () => {
    // One fixture photo among 1,800 synthetic ones made of real window codes (tests/bench/synthetic-index.ts).
    const print = fingerprintPhoto(await decodeImage(join(PHOTO_DIR, 'lake-boats-sunset.jpg')));
    const stock = buildPhotoSet([print], [{...fixtureMeta('lake-boats-sunset.jpg'), id: 'large:lake', library: 'Large Stock'}]);
    const large = Buffer.from(encodeIndex(combinePhotoSets([stock, syntheticIndex(1800, 1, false)])));
    const options = await browser.context.newPage();
    await options.goto(optionsUrl());
    await options.locator('.index-import').setInputFiles({name: 'large.cliche', mimeType: 'application/octet-stream', buffer: large});
    const listed = row(options, 'large.cliche');
    await poll(() => listed.locator('.index-photos').textContent()).toBe('1,801');
    expect(await listed.locator('.index-in-place').textContent()).toBe('large: searched in place from its file, not loaded into memory');
    expect(await row(options, 'imported.cliche').locator('.index-in-place').count()).toBe(0);
    expect(await markerOn(LINKEDIN.pageUrl)).toBe('Stock photo · Large Stock · 2.1M downloads');

    // A fresh worker opens it again from IndexedDB (a new image URL: no cached answer).
    const {page, flag} = await checkAfterRestart(options, LINKEDIN, 'after-restart');
    expect(flag?.meta.id).toBe('large:lake');
    // The fresh worker resumed from the opening state kept in IndexedDB: no opening pass of its own.
    const steps = await (await serviceWorker(browser.context)).evaluate(() => performance.getEntriesByType('measure').map((m) => m.name));
    expect(steps).toContain('cliche:in place: tables and metadata');
    expect(steps).not.toContain('cliche:in place: opening pass');
    await page.close();
    await options.close();
  });
});
