/** `npm run bench:extension`: the speed targets, measured in Debian's Chromium. Prints figures. */
import {execFileSync} from 'node:child_process';
import {resolve} from 'node:path';
import {badgeOf} from '../../../tools/browser/extension-control.js';
import {startServer} from '../../../tools/browser/https-server.js';
import {launch, type Launched} from '../../../tools/browser/launch.js';
import {benchRoutes, COVER_URL, FEED_URL, OTHER_IMAGES} from './bench-site.js';
import {loadToMarker} from './load-to-marker.js';
import {feedChecksAnswered} from './checks-done.js';
import {contentScriptCost} from './main-thread.js';
import {popupTimes, seedHistory, syntheticHistory} from './popup-ready.js';
import {markerAppears} from '../../../tools/browser/overlay-probe.js';

const COLD_RUNS = 3;
const WARM_RUNS = 10;
/**
 * Single loads of the feed page range from about 3 to 26 ms on a 2-core machine (96 loads per build,
 * 2026-11-27): the median of 5 loads moved by 2 ms between runs of the same build, that of 25 less.
 */
const FEED_RUNS = 25;
const POPUP_RUNS = 5;
const HISTORY_ENTRIES = 1000;

const root = resolve(import.meta.dirname, '../../..');
const outRoot = resolve(root, '.bench/extension-dist');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)} (n=${xs.length})`;

// The bundled default index, as shipped (CLICHE_INDEX ignored), built outside dist/.
const {CLICHE_INDEX: _ignored, ...env} = process.env;
execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--mode', 'chrome', '--logLevel', 'warn'], {cwd: root, env: {...env, CLICHE_OUT: outRoot}, stdio: ['ignore', 'ignore', 'inherit']});
const extensionDir = resolve(outRoot, 'chrome');
const server = await startServer(await benchRoutes());
const open = () => launch(extensionDir, server.port);
const close = (b: Launched) => b.context.close();

// 1. Load event -> marker. First page: a fresh browser, the index not yet loaded by the worker.
const cold: number[] = [];
for (let i = 0; i < COLD_RUNS; i++) {
  const b = await open();
  cold.push(await loadToMarker(b.context, COVER_URL));
  await close(b);
}
const b = await open();
await loadToMarker(b.context, COVER_URL); // loads the index
const warm: number[] = [];
for (let i = 0; i < WARM_RUNS; i++) warm.push(await loadToMarker(b.context, COVER_URL));
console.log(`load event -> marker, first page after browser start: ${fmt(cold)}`);
console.log(`load event -> marker, warm (index loaded):            ${fmt(warm)}`);

// 2. Main-thread time of the content script on a cover + 50 other images, until every check is done.
const allChecked = async (page: import('playwright-core').Page) => {
  if (!(await markerAppears(page))) throw new Error('no marker within 30 s');
  await feedChecksAnswered(b.context, page);
};
const costs = [];
for (let i = 0; i < FEED_RUNS; i++) costs.push(await contentScriptCost(b.context, FEED_URL, `chrome-extension://${b.extensionId}/`, allChecked));
console.log(`content script main-thread time, cover + ${OTHER_IMAGES} images: ${fmt(costs.map((c) => c.scriptMs))}`);
console.log(`  of which first evaluation (start-up): ${fmt(costs.map((c) => c.evaluateMs))}; V8 compile: ${fmt(costs.map((c) => c.compileMs))}`);

// 3. Popup for a tab showing the demo page: with its one history entry, then with 1,000 more.
await seedHistory(b.context, []);
const tab = await b.context.newPage();
await tab.goto(COVER_URL, {waitUntil: 'load'});
if (!(await markerAppears(tab))) throw new Error('no marker within 30 s'); // its flag is the one history entry
const {tabId} = await badgeOf(b.context, COVER_URL);
const popupRuns = async (entries: number) => {
  const times = [];
  for (let i = 0; i < POPUP_RUNS; i++) times.push(await popupTimes(b.context, b.extensionId, tabId, entries));
  return times;
};
const small = await popupRuns(1);
await seedHistory(b.context, syntheticHistory(HISTORY_ENTRIES));
const large = await popupRuns(HISTORY_ENTRIES);
console.log(`popup, 1 history entry:    history shown ${fmt(small.map((p) => p.historyMs))}; tab rescan done ${fmt(small.map((p) => p.scanDoneMs))}`);
console.log(`popup, ${HISTORY_ENTRIES} history entries: history shown ${fmt(large.map((p) => p.historyMs))}; tab rescan done ${fmt(large.map((p) => p.scanDoneMs))}`);
await close(b);
await server.close();
