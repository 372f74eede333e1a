/** storage.local full in the real browser: the oldest history goes, the new flag stays, the popup says so. */
import {describe, expect, it} from 'vitest';
import {serviceWorker} from '../../tools/browser/launch.js';
import {storageSettled} from '../bench/extension/popup-ready.js';
import {useFixtureBrowser} from './fixture-browser.js';
import {historyOf} from './extension-state.js';
import {SITES} from './site-fixtures.js';
import {poll, waitForMarkers} from './wait.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const env = useFixtureBrowser();
const OLD = 40;

describe('storage quota', () => {
  it('prunes the oldest history with a notice in the popup when storage.local is full', async () => {
    const {context, extensionId} = env.browser;
    const worker = await serviceWorker(context);
    // The install-time rewrite of the stored history must be over before the filler is sized, or
    // its write lands in between and the filler no longer fits.
    await storageSettled(context);
    // 40 old entries of ~2 KB, then filler up to 200 bytes short of the quota: the history with
    // one more entry (~0.7 KB) no longer fits, half of it does.
    const quota = await worker.evaluate(async (old) => {
      const chrome = (globalThis as any).chrome;
      const history = Array.from({length: old}, (_, i) => ({
        key: `fixture:old-${i} https://x.com/old${i}`, meta: {id: `fixture:old-${i}`, title: 'x'.repeat(1900)}, score: 0.7,
        imageUrl: `https://pbs.twimg.com/old${i}.jpg`, pageUrl: `https://x.com/old${i}`, slot: 'cover',
        firstSeen: 1000 + i, lastSeen: Date.now() - (old - i) * 60_000, timesSeen: 1,
      }));
      await chrome.storage.local.set({history});
      const used = await chrome.storage.local.getBytesInUse(null);
      const room = chrome.storage.local.QUOTA_BYTES - used - 200;
      await chrome.storage.local.set({filler: 'f'.repeat(room)});
      return chrome.storage.local.QUOTA_BYTES;
    }, OLD);
    expect(quota).toBeGreaterThan(0);

    const page = await context.newPage();
    await page.goto(SITES[1].pageUrl, {waitUntil: 'load'});
    await waitForMarkers(page);
    await poll(async () => (await historyOf(context)).some((e) => e.meta.id === SITES[1].photoId)).toBe(true);
    const history = await historyOf(context);
    console.log(`[e2e] quota: ${history.length} of ${OLD + 1} entries kept`);
    expect(history.length).toBeGreaterThan(1);
    expect(history.length).toBeLessThan(OLD + 1);
    const kept = history.filter((e) => e.meta.id.startsWith('fixture:old-')).map((e) => Number(e.meta.id.split('-')[1]));
    expect(Math.min(...kept)).toBe(OLD - kept.length); // the newest old ones stayed

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/ui/popup/index.html?tab=999999`);
    const notice = popup.locator('.history-notice');
    await poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain(`the ${OLD + 1 - history.length} oldest history entries were removed`);
    await notice.locator('.dismiss').click();
    await poll(() => notice.count()).toBe(0);
    await popup.reload();
    await poll(() => popup.locator('.history-entry').count()).toBeGreaterThan(0);
    expect(await notice.count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
