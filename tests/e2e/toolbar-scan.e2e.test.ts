/** Toolbar button on a site the manifest does not match: activeTab + scripting inject the scanner. */
import {describe, expect, it} from 'vitest';
import {badgeOf, clickToolbar} from '../../tools/browser/extension-control.js';
import {OTHER_SITE} from './site-fixtures.js';
import {useFixtureBrowser} from './fixture-browser.js';
import {clickMarker, panelText, poll, waitForMarkers} from './wait.js';

const env = useFixtureBrowser();

describe('toolbar-triggered scan', () => {
  it('scans a page of another site only once the toolbar button is clicked, and flags its photo', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(OTHER_SITE.pageUrl, {waitUntil: 'load'});
    // No content script here by manifest: nothing on the page until the click (the tab's URL is
    // not even visible to the extension yet, so its badge cannot be read before activeTab).
    expect(await page.evaluate(() => document.querySelector('cliche-overlay'))).toBeNull();

    // The real toolbar click (DevTools Extensions.triggerAction): Chromium grants activeTab and
    // opens the popup, whose scanTab request injects the scanner with scripting.executeScript.
    await clickToolbar(env.browser.context, env.browser.extensionId, page);
    expect(await waitForMarkers(page)).toEqual(['Stock photo · Fixture Stock · 2.1M downloads']);
    // activeTab now lets the extension see the tab's URL, and the badge counts the flag.
    await poll(async () => (await badgeOf(env.browser.context, OTHER_SITE.pageUrl)).text).toBe('1');
    await clickMarker(page);
    await poll(() => panelText(page)).toContain(OTHER_SITE.photoId);
    await page.close();
  });
});
