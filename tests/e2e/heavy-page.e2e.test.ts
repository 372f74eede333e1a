/** A 500-image feed with infinite scroll: the checks stay bounded, each URL once, only images above the size rule. */
import {describe, expect, it} from 'vitest';
import {MAX_CHECKS_PER_PAGE} from '../../src/content/scanner.js';
import {CONCURRENCY} from '../../src/content/check-queue.js';
import {useFixtureBrowser} from './fixture-browser.js';
import {checkStats, scanNow, tabOf} from './extension-state.js';
import {FEED, feedImage, hardeningRoutes, isSmall} from './hardening-fixtures.js';
import {poll} from './wait.js';

const env = useFixtureBrowser({}, hardeningRoutes);

/** Waits until the background has answered `n` checks. */
const answered = (n: number) => poll(async () => (await checkStats(env.browser.context)).requests).toBeGreaterThanOrEqual(n);

describe('heavy page', () => {
  it('checks each large image once, never the small ones, and stops at the per-page bound while the feed grows', async () => {
    const {context} = env.browser;
    const start = (await checkStats(context)).requests;
    const page = await context.newPage();
    await page.goto(FEED.pageUrl, {waitUntil: 'load'});
    // The first scan: 50 new images at most (the generic finder's cap), those in view first.
    await answered(start + 50);

    // Infinite scroll: every scroll to the end appends 100 images; each batch is scanned in turn.
    let images = FEED.images;
    while ((await checkStats(context)).requests - start < MAX_CHECKS_PER_PAGE) {
      const before = (await checkStats(context)).requests;
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      images += FEED.more;
      await poll(() => page.locator('#feed img').count()).toBe(images);
      // Each batch holds 80 large images: the rescan it sets off asks 50 of them (or up to the bound).
      await answered(Math.min(before + 50, start + MAX_CHECKS_PER_PAGE));
      // The page's own scripts still run between our checks.
      const pings = Number(await page.locator('#pong').textContent());
      await page.locator('#ping').click();
      await poll(() => page.locator('#pong').textContent()).toBe(String(pings + 1));
      expect(images).toBeLessThan(FEED.images + 10 * FEED.more); // the loop ends by the bound
    }
    // Past the bound: another batch appears, and a scan the test starts itself (it resolves once
    // every check it asked is answered) asks nothing more.
    const atBound = (await checkStats(context)).requests;
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    images += FEED.more;
    await poll(() => page.locator('#feed img').count()).toBe(images);
    const {tabId} = await tabOf(context, FEED.pageUrl);
    expect(await scanNow(context, tabId)).toBeGreaterThan(0);
    const stats = await checkStats(context);
    const asked = stats.fingerprinted.filter((u) => u.startsWith(feedImage(0).split('?')[0]));
    console.log(`[e2e] heavy page: ${images} images, ${asked.length} checked, at most ${stats.maxConcurrent} at once`);

    expect(stats.requests).toBe(atBound);
    expect(asked.length).toBe(MAX_CHECKS_PER_PAGE);
    expect(new Set(asked).size).toBe(asked.length); // each URL fingerprinted once
    expect(asked.filter((u) => isSmall(Number(new URL(u).searchParams.get('n'))))).toEqual([]);
    // Images appended by scrolling were reached, not only the first screenfuls.
    expect(asked.some((u) => Number(new URL(u).searchParams.get('n')) >= FEED.images)).toBe(true);
    expect(stats.maxConcurrent).toBeLessThanOrEqual(CONCURRENCY);
    // Nothing flagged: the page got no element from the extension (nothing to detect it by).
    expect(await page.evaluate(() => document.querySelector('cliche-overlay'))).toBeNull();

    // Reloading is a new visit: answers come from the session cache, nothing is fingerprinted again.
    await page.reload({waitUntil: 'load'});
    await answered(atBound + 50);
    const again = (await checkStats(context)).fingerprinted.filter((u) => u.startsWith(feedImage(0).split('?')[0]));
    expect(again.length).toBe(asked.length);
    await page.close();
  });
});
