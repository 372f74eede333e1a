/** Debian's Firefox ESR with the built Firefox extension (WebDriver BiDi install) flags a cover. */
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {launchFixtureFirefox, type FixtureFirefox} from './firefox-launch.js';
import {SITES} from './site-fixtures.js';

let ff: FixtureFirefox;

beforeAll(async () => {
  ff = await launchFixtureFirefox();
});
afterAll(async () => {
  await ff?.close();
});

describe('Firefox ESR smoke test', () => {
  it('installs the built extension and marks the stock cover on the Facebook fixture page', async () => {
    const id = await ff.browser.installExtension(inject('firefoxDir'));
    expect(id).toBe('cliche@cliche-extension.org');
    const page = await ff.browser.newPage();
    await page.goto(SITES[0].pageUrl, {waitUntil: 'load'});
    // The overlay host is made with the first marker; its shadow root is closed, so the page (and
    // this test, which sees what the page sees) can tell that a marker is shown but not read it.
    await page.waitForSelector('cliche-overlay', {timeout: 30_000});
    expect(await page.evaluate(() => document.querySelector('cliche-overlay')!.shadowRoot)).toBeNull();
    expect(ff.server.requests).toContain(SITES[0].coverRequest);
  });
});
