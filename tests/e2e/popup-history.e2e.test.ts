/** The popup with a long history: drawn a screenful at a time, yet search, filter, delete, export and clear cover every entry. */
import {readFileSync} from 'node:fs';
import type {Page} from 'playwright-core';
import {describe, expect, it} from 'vitest';
import {seedHistory, syntheticHistory} from '../bench/extension/popup-ready.js';
import {FIRST_ROWS} from '../../src/ui/popup/history-window.js';
import {historyOf} from './extension-state.js';
import {useFixtureBrowser} from './fixture-browser.js';
import {poll} from './wait.js';

const env = useFixtureBrowser();
const ENTRIES = 1000;

const rows = (popup: Page) => popup.locator('.history-entry');
const heading = (popup: Page) => popup.locator('.history h2').textContent();

async function exported(popup: Page, button: string): Promise<string> {
  const [file] = await Promise.all([popup.waitForEvent('download'), popup.locator(button).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

describe('popup history with 1,000 entries', () => {
  it('draws the first rows, more on scrolling, and searches, deletes, exports and clears over all of them', async () => {
    const {context, extensionId} = env.browser;
    await seedHistory(context, syntheticHistory(ENTRIES));
    const popup = await context.newPage();
    popup.on('dialog', (d) => void d.accept());
    // A tab id with no tab: the popup says it cannot scan, the history is all there is.
    await popup.goto(`chrome-extension://${extensionId}/src/ui/popup/index.html?tab=999999`);
    await poll(() => heading(popup)).toBe(`History (${ENTRIES})`);
    await poll(() => rows(popup).count()).toBe(FIRST_ROWS);

    // Scrolling to the end draws more, newest first, until every entry is reachable.
    for (let i = 0; i < 3; i++) {
      const drawn = await rows(popup).count();
      await popup.locator('.history li.more').scrollIntoViewIfNeeded();
      await poll(() => rows(popup).count()).toBeGreaterThan(drawn);
    }
    expect(await rows(popup).nth(FIRST_ROWS).locator('.page-url').textContent()).toBe(`https://www.facebook.com/page${FIRST_ROWS}`);

    // An old entry, far beyond what is drawn, is found, and deleted.
    await popup.locator('.history input[type=search]').fill('page987');
    await poll(() => rows(popup).count()).toBe(1);
    await rows(popup).first().locator('.delete').click();
    await poll(() => heading(popup)).toBe(`History (${ENTRIES - 1})`);
    await poll(() => rows(popup).count()).toBe(0);
    expect((await historyOf(context)).some((e) => e.pageUrl.endsWith('/page987'))).toBe(false);

    // Exports hold every entry the search and filter keep, not the rows drawn.
    await popup.locator('.history input[type=search]').fill('');
    const csv = (await exported(popup, '.export-csv')).trim().split('\r\n');
    expect(csv).toHaveLength(ENTRIES); // the header and 999 entries
    await popup.locator('.history select').selectOption('Pexels');
    const pexels = JSON.parse(await exported(popup, '.export-json')) as {entries: unknown[]};
    expect(pexels.entries).toHaveLength(syntheticHistory(ENTRIES).filter((e) => e.meta.library === 'Pexels').length);

    await popup.locator('.clear-all').click();
    await poll(() => heading(popup)).toBe('History (0)');
    expect(await historyOf(context)).toEqual([]);
    await popup.close();
  });
});
