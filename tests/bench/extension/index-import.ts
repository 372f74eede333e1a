/**
 * `npx tsx tests/bench/extension/index-import.ts`: what a 50 MB index subscription costs the rest of
 * the extension while it downloads, is verified, stored and swapped in. Prints figures: check-image
 * round trips and popup time-to-usable, idle and during the import. Not a test (nothing asserted).
 */
import {execFileSync} from 'node:child_process';
import {resolve} from 'node:path';
import type {BrowserContext, Page} from 'playwright-core';
import {encodeIndex} from '../../../src/core/index-file.js';
import {badgeOf, stopServiceWorker} from '../../../tools/browser/extension-control.js';
import {startServer} from '../../../tools/browser/https-server.js';
import {launch, serviceWorker} from '../../../tools/browser/launch.js';
import {syntheticIndex} from '../synthetic-index.js';
import {benchRoutes, COVER_URL} from './bench-site.js';
import {popupTimes} from './popup-ready.js';
import {markerAppears} from '../../../tools/browser/overlay-probe.js';
import {fmtTasks, workerTasksDuring} from './worker-tasks.js';

/** 26,400 photos of the default index's statistics encode to ~50 MB (34,000 did before the fine level: 64.5 MB with it). */
const PHOTOS = Number(process.env.CLICHE_BENCH_PHOTOS ?? 26_400);
/** Served from a host the extension already holds, so no permission prompt stops the run. */
const INDEX_ROUTE = 'www.facebook.com/indexes/big.cliche';
const IDLE_PROBE_MS = 3000;
const COVER_IMAGE = 'https://scontent.xx.fbcdn.net/v/t39.30808-6/demo-cover.jpg';

const root = resolve(import.meta.dirname, '../../..');
const outRoot = resolve(root, '.bench/index-import-dist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => xs.length ? `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} (n=${xs.length})` : 'no sample';

/**
 * In an extension page: checkImage round trips, one after another (each with a fresh URL so no
 * cache answers), until window.__stop is set. A string: tsx would wrap functions in helpers the page lacks.
 */
const PROBE = `void (async () => {
  window.__rtts = []; window.__stop = false; let n = 0;
  while (!window.__stop) {
    const t0 = performance.now();
    const at = Date.now();
    const r = await chrome.runtime.sendMessage({type: 'checkImage', req: {url: '${COVER_IMAGE}?probe=' + at + '-' + (n++), pageUrl: '${COVER_URL}', slot: 'cover'}});
    window.__rtts.push({at, ms: performance.now() - t0});
    if (!r || !r.ok) window.__probeError = JSON.stringify(r);
    await new Promise((res) => setTimeout(res, 100));
  }
})()`;

interface Sample {
  /** Epoch ms when the check was sent (Date.now(): same clock in Node and the page). */
  at: number;
  ms: number;
}

async function probeWhile(context: BrowserContext, extensionId: string, until: () => Promise<unknown>): Promise<Sample[]> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/src/ui/options/index.html`);
  await page.evaluate(PROBE);
  await until();
  const samples = await page.evaluate(() => {
    (window as unknown as {__stop: boolean}).__stop = true;
    return (window as unknown as {__rtts: Sample[]}).__rtts;
  });
  const error = await page.evaluate(() => (window as unknown as {__probeError?: string}).__probeError);
  if (error) console.log(`  (a probe check failed: ${error})`);
  await page.close();
  return samples;
}

const {CLICHE_INDEX: _ignored, ...env} = process.env;
execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--mode', 'chrome', '--logLevel', 'warn'], {cwd: root, env: {...env, CLICHE_OUT: outRoot}, stdio: ['ignore', 'ignore', 'inherit']});
const big = Buffer.from(encodeIndex(syntheticIndex(PHOTOS)));
console.log(`index: ${PHOTOS} photos, ${(big.length / 1e6).toFixed(1)} MB`);
const routes = await benchRoutes();
routes.set(INDEX_ROUTE, {type: 'application/octet-stream', body: big});
const server = await startServer(routes);
const b = await launch(resolve(outRoot, 'chrome'), server.port);

const tab = await b.context.newPage();
await tab.goto(COVER_URL, {waitUntil: 'load'});
if (!(await markerAppears(tab))) throw new Error('no marker within 30 s'); // default index loaded, one history entry
const {tabId} = await badgeOf(b.context, COVER_URL);

const idleRtts = await probeWhile(b.context, b.extensionId, () => new Promise((r) => setTimeout(r, IDLE_PROBE_MS)));
const idlePopup = [];
for (let i = 0; i < 3; i++) idlePopup.push((await popupTimes(b.context, b.extensionId, tabId, 1)).historyMs);

/** Opens the popup again and again until `done` settles (it costs the 2 cores as much as checks do). */
async function popupLoop(done: Promise<unknown>, times: number[]): Promise<void> {
  let over = false;
  void done.then(() => (over = true));
  while (!over) {
    times.push((await popupTimes(b.context, b.extensionId, tabId, 1)).historyMs);
    await Promise.race([done, new Promise((r) => setTimeout(r, 200))]);
  }
}
// The control for "during the import": the same checks and popup openings, without an import.
const controlPopup: number[] = [];
const controlRtts = await probeWhile(b.context, b.extensionId, () => popupLoop(new Promise((r) => setTimeout(r, 2 * IDLE_PROBE_MS)), controlPopup));

const options: Page = await b.context.newPage();
await options.goto(`chrome-extension://${b.extensionId}/src/ui/options/index.html`);
await options.locator('.index-subscribe input[name=url]').fill(`https://${INDEX_ROUTE}`);
const listed = options.locator('tr.index-row', {hasText: 'big.cliche'}).locator('.index-photos');
const span = {start: 0, end: 0};
const busyPopup: number[] = [];
// The probe runs from before the click until after the index is listed; only checks sent in between count.
let importTasks: Awaited<ReturnType<typeof workerTasksDuring>> = null;
const samples = await probeWhile(b.context, b.extensionId, async () => {
  await new Promise((r) => setTimeout(r, 500));
  importTasks = await workerTasksDuring(b.context, options, async () => {
    span.start = Date.now();
    await options.locator('.index-subscribe button[type=submit]').click();
    const done = listed.waitFor({timeout: 600_000}).then(() => (span.end = Date.now()));
    await popupLoop(done, busyPopup);
  });
  await new Promise((r) => setTimeout(r, 500));
});
const during = samples.filter((x) => x.at >= span.start && x.at < span.end);
const importMs = span.end - span.start;
console.log(`subscription, click -> listed with ${await listed.textContent()} photos: ${importMs.toFixed(0)} ms`);
console.log(`check-image round trip, idle:            ${fmt(idleRtts.map((x) => x.ms))}`);
console.log(`check-image round trip, popup reopened:  ${fmt(controlRtts.map((x) => x.ms))}  (control: no import)`);
console.log(`check-image round trip, during import:   ${fmt(during.map((x) => x.ms))}`);
console.log(`  checks sent during the import, at ms after the click: ${during.map((x) => `${x.at - span.start}(${x.ms.toFixed(0)})`).join(' ')}`);
console.log(`popup history shown, idle:               ${fmt(idlePopup)}`);
console.log(`popup history shown, reopened, no import: ${fmt(controlPopup)}`);
console.log(`popup history shown, during import:      ${fmt(busyPopup)}`);
console.log(`worker thread tasks during the import: ${fmtTasks(importTasks)}`);
// The worker's own record of its long synchronous steps (src/background/step-timing.ts), latest of each.
const readSteps = async () => (await serviceWorker(b.context)).evaluate(() =>
  performance.getEntriesByType('measure').filter((m) => m.name.startsWith('cliche:')).map((m) => `${m.name.slice(7)} ${m.duration.toFixed(0)} ms`));
console.log(`steps in the worker (last import): ${(await readSteps()).join(', ')}`);

// A stopped worker (as Chrome stops an idle one) loads every enabled index again before its first answer.
const wakes: number[] = [];
const wakeTasks = await workerTasksDuring(b.context, options, async () => {
  for (let i = 0; i < 3; i++) {
    await stopServiceWorker(b.context, options);
    wakes.push(await options.evaluate(async (url) => {
      const t0 = performance.now();
      await (globalThis as unknown as {chrome: any}).chrome.runtime.sendMessage({type: 'checkImage', req: {url: `${url}?wake=${Date.now()}`, pageUrl: 'https://www.facebook.com/', slot: 'cover'}}); // eslint-disable-line @typescript-eslint/no-explicit-any
      return performance.now() - t0;
    }, COVER_IMAGE));
  }
});
console.log(`check-image round trip right after a worker stop, 50 MB index enabled: ${fmt(wakes)}`);
console.log(`worker thread tasks during the 3 wakes: ${fmtTasks(wakeTasks)}`);
console.log(`steps in the worker (last wake): ${(await readSteps()).join(', ')}`);
await b.context.close();
await server.close();
