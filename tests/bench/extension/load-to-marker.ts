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

/** One step the worker recorded (src/background/step-timing.ts), in ms from the page's load event. */
export interface Step {
  name: string;
  start: number;
  end: number;
}

/**
 * loadToMarker on `url`, plus the worker's recorded steps on the same clock (both timelines
 * converted through performance.timeOrigin): where the first page's wait goes.
 */
export async function loadToMarkerSteps(context: BrowserContext, url: string): Promise<{ms: number; steps: Step[]}> {
  const page = await context.newPage();
  await page.addInitScript({content: RECORD_MARKER});
  await page.goto(url, {waitUntil: 'load'});
  await page.waitForFunction(() => (window as unknown as {__markerAt?: number}).__markerAt !== undefined, undefined, {timeout: 30_000});
  const seen = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    marker: (window as unknown as {__markerAt: number}).__markerAt,
  }));
  const worker = context.serviceWorkers()[0];
  const recorded = await worker.evaluate(() => ({
    origin: performance.timeOrigin,
    steps: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('cliche:')).map((m) => ({name: m.name.slice(7), start: m.startTime, end: m.startTime + m.duration})),
  }));
  await page.close();
  const loadAt = seen.origin + seen.load;
  const shift = (t: number) => recorded.origin + t - loadAt;
  const steps = [{name: 'worker started', start: shift(0), end: shift(0)}, ...recorded.steps.map((s) => ({name: s.name, start: shift(s.start), end: shift(s.end)}))];
  steps.sort((a, b) => a.start - b.start);
  return {ms: seen.marker - seen.load, steps};
}

/**
 * `npx tsx tests/bench/extension/load-to-marker.ts [runs]`: first pages after a browser start only,
 * each with the worker's steps relative to the load event (negative: before it).
 */
async function firstPages(runs: number): Promise<void> {
  const {execFileSync} = await import('node:child_process');
  const {resolve} = await import('node:path');
  const {startServer} = await import('../../../tools/browser/https-server.js');
  const {launch} = await import('../../../tools/browser/launch.js');
  const {benchRoutes, COVER_URL} = await import('./bench-site.js');
  const root = resolve(import.meta.dirname, '../../..');
  const outRoot = resolve(root, '.bench/first-page-dist');
  const {CLICHE_INDEX: _ignored, ...env} = process.env;
  execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--mode', 'chrome', '--logLevel', 'warn'], {cwd: root, env: {...env, CLICHE_OUT: outRoot}, stdio: ['ignore', 'ignore', 'inherit']});
  const server = await startServer(await benchRoutes());
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const b = await launch(resolve(outRoot, 'chrome'), server.port);
    const {ms, steps} = await loadToMarkerSteps(b.context, COVER_URL);
    all.push(ms);
    console.log(`first page ${i + 1}: marker ${ms.toFixed(0)} ms after the load event`);
    for (const s of steps) console.log(`  ${s.start.toFixed(0).padStart(6)} .. ${s.end.toFixed(0).padStart(6)} ms  ${s.name}`);
    await b.context.close();
  }
  all.sort((a, b) => a - b);
  console.log(`first page after a browser start: median ${all[Math.floor(runs / 2)].toFixed(0)} ms, min ${all[0].toFixed(0)}, max ${all[runs - 1].toFixed(0)} (n=${runs})`);
  await server.close();
}

if (process.argv[1] && import.meta.filename === (await import('node:path')).resolve(process.argv[1])) await firstPages(Number(process.argv[2] ?? 5));
