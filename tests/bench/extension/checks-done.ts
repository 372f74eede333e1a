/** Waiting, in the benchmarks, for the feed page's checks to be answered. */
import type {BrowserContext, Page} from 'playwright-core';
import {badgeOf} from '../../../tools/browser/extension-control.js';
import {serviceWorker} from '../../../tools/browser/launch.js';
import {FEED_URL, OTHER_IMAGES} from './bench-site.js';

/**
 * Resolves once the worker has answered the feed page's checks (the generic finder's cap keeps it at
 * OTHER_IMAGES; the cover is one of the largest). Asks the worker only: probing the page would add
 * to the main thread the benchmarks measure. Polled: no event tells the page the last check ended.
 */
export async function feedChecksAnswered(context: BrowserContext, page: Page): Promise<void> {
  const worker = await serviceWorker(context);
  for (;;) {
    const tab = await badgeOf(context, FEED_URL).catch(() => null); // the tab may not be listed yet
    const checked = tab && await worker.evaluate((id) => (globalThis as {clicheTest?: any}).clicheTest.tabResults(id).then((r: {checked: number}) => r.checked), tab.tabId); // eslint-disable-line @typescript-eslint/no-explicit-any
    if (checked && checked >= OTHER_IMAGES) return;
    await page.waitForTimeout(50);
  }
}
