/**
 * The popup in Debian's Firefox ESR: after the cover of the Facebook fixture page is flagged, the
 * popup page (opened as a tab, at the internal address Firefox gives the extension) lists it for
 * that tab and in the history. The address is fixed through Firefox's own preference that maps
 * extension ids to their internal UUIDs, set before the install.
 */
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {launchFixtureFirefox, type FixtureFirefox} from './firefox-launch.js';
import {SITES} from './site-fixtures.js';

const EXTENSION_ID = 'cliche@cliche-extension.org';
const UUID = '5b0f3c9e-1d2a-4c6b-9e8f-2a7d4c1b0e93';
let ff: FixtureFirefox;

beforeAll(async () => {
  // Since Firefox 153, WebDriver may navigate to extension pages only with system access allowed.
  ff = await launchFixtureFirefox({'extensions.webextensions.uuids': JSON.stringify({[EXTENSION_ID]: UUID})}, ['--remote-allow-system-access']);
});
afterAll(async () => {
  await ff?.close();
});

describe('Firefox ESR popup', () => {
  it('lists the flagged cover for its tab and in the history', async () => {
    expect(await ff.browser.installExtension(inject('firefoxDir'))).toBe(EXTENSION_ID);
    const site = await ff.browser.newPage();
    await site.goto(SITES[0].pageUrl, {waitUntil: 'load'});
    await site.waitForSelector('cliche-overlay', {timeout: 30_000});

    const popup = await ff.browser.newPage();
    const popupUrl = `moz-extension://${UUID}/src/ui/popup/index.html`;
    // The navigation's load event does not reach WebDriver for extension pages: wait for content instead.
    await popup.goto(`${popupUrl}?tab=999999`, {waitUntil: 'domcontentloaded', timeout: 3_000}).catch(() => undefined);
    await popup.waitForSelector('.history-entry', {timeout: 15_000});
    // The popup's own extension API finds the fixture tab's id, as the toolbar popup knows its tab.
    const tabId = await popup.evaluate(async (url) => {
      const [tab] = await (globalThis as any).browser.tabs.query({url}); // eslint-disable-line @typescript-eslint/no-explicit-any
      return tab?.id as number | undefined;
    }, SITES[0].pageUrl);
    expect(typeof tabId).toBe('number');
    // Within the extension's own origin the page can move itself: no second WebDriver navigation.
    await popup.evaluate((search) => location.assign(search), `?tab=${tabId}`);
    const flag = await popup.waitForSelector('.tab-results .flag', {timeout: 15_000});
    const flagText = await flag!.evaluate((el) => el.textContent ?? '');
    expect(flagText).toContain('fixture:landscape-mountains');
    expect(flagText).toContain('Test Photographer');
    await popup.waitForFunction((pageUrl) => [...document.querySelectorAll('.history-entry')].some((e) => e.textContent?.includes(pageUrl)), {timeout: 15_000}, SITES[0].pageUrl);
    expect(await popup.$$eval('.history-entry', (els) => els.length)).toBe(1);
    await popup.close();
    await site.close();
  });
});
