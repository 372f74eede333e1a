/** The UI follows the browser's language: Chromium started in French shows French markers and popup. */
import {describe, expect, it} from 'vitest';
import {badgeOf} from '../../tools/browser/extension-control.js';
import {SITES} from './site-fixtures.js';
import {useFixtureBrowser} from './fixture-browser.js';
import {poll, waitForMarkers} from './wait.js';

const env = useFixtureBrowser({lang: 'fr'});

describe('French UI', () => {
  it('labels the flagged cover and the popup in French', async () => {
    const site = await env.browser.context.newPage();
    await site.goto(SITES[0].pageUrl, {waitUntil: 'load'});
    const [label] = await waitForMarkers(site);
    // French words and French number formatting (2,1 M), from _locales/fr.
    expect(label).toMatch(/^Photo de stock · Fixture Stock · 2,1\sM téléchargements$/);
    const {tabId} = await badgeOf(env.browser.context, SITES[0].pageUrl);
    const popup = await env.browser.context.newPage();
    await popup.goto(`chrome-extension://${env.browser.extensionId}/src/ui/popup/index.html?tab=${tabId}`);
    await poll(() => popup.locator('.tab-results .flag').count()).toBe(1);
    expect(await popup.locator('.tab-results h1').textContent()).toBe('Cette page');
    expect(await popup.locator('.history h2').textContent()).toBe('Historique (1)');
    expect(await popup.locator('.export-csv').textContent()).toBe('Exporter en CSV');
    expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(/^fr/);
  });
});
