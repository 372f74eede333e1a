/** Time from the page's load event to our first marker, as the page itself observes it. */
import type {BrowserContext} from 'playwright-core';

/**
 * Runs in the page's main world before any page script: records performance.now() when our overlay
 * host enters the page. Its shadow root is closed, so the page cannot see the marker itself, but the
 * host is made in the same task as the first marker (src/content/markers.ts), and mutation callbacks
 * run right after that task: this is when the marker exists, a frame before it is painted. A string, not a
 * function: tsx would wrap inner functions in a `__name` helper the page does not have.
 */
const RECORD_MARKER = `
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.localName === 'cliche-overlay' && window.__markerAt === undefined) window.__markerAt = performance.now();
  }).observe(document, {childList: true, subtree: true});
`;

/** Opens `url` in a new tab and returns ms from loadEventEnd to the marker (negative: before load). */
export async function loadToMarker(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.addInitScript({content: RECORD_MARKER});
  await page.goto(url, {waitUntil: 'load'});
  await page.waitForFunction(() => (window as unknown as {__markerAt?: number}).__markerAt !== undefined, undefined, {timeout: 30_000});
  const ms = await page.evaluate(() => (window as unknown as {__markerAt: number}).__markerAt
    - (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  await page.close();
  return ms;
}
