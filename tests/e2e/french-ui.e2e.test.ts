/** The UI follows the browser's language: Chromium started in French shows French markers and popup. */
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {badgeOf} from '../../tools/browser/extension-control.js';
import {startServer, type FixtureServer} from '../../tools/browser/https-server.js';
import {launch, type Launched} from '../../tools/browser/launch.js';
import {fixtureRoutes, SITES} from './site-fixtures.js';
import {MARKER, poll} from './wait.js';

let server: FixtureServer;
let browser: Launched;

beforeAll(async () => {
  server = await startServer(await fixtureRoutes());
  browser = await launch(inject('extensionDir'), server.port, {lang: 'fr'});
});
afterAll(async () => {
  await browser?.context.close();
  await server?.close();
});

describe('French UI', () => {
  it('labels the flagged cover and the popup in French', async () => {
    const site = await browser.context.newPage();
    await site.goto(SITES[0].pageUrl, {waitUntil: 'load'});
    const marker = site.locator(MARKER);
    await marker.waitFor();
    // French words and French number formatting (2,1 M), from _locales/fr.
    expect(await marker.textContent()).toMatch(/^Photo de stock · Fixture Stock · 2,1\sM téléchargements$/);
    const {tabId} = await badgeOf(browser.context, SITES[0].pageUrl);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/src/ui/popup/index.html?tab=${tabId}`);
    await poll(() => popup.locator('.tab-results .flag').count()).toBe(1);
    expect(await popup.locator('.tab-results h1').textContent()).toBe('Cette page');
    expect(await popup.locator('.history h2').textContent()).toBe('Historique (1)');
    expect(await popup.locator('.export-csv').textContent()).toBe('Exporter en CSV');
    expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(/^fr/);
  });
});
