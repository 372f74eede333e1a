/**
 * `npx tsx tests/bench/extension/popup-floor.ts [openings]`: how much of the popup's time to usable
 * is Chrome opening an extension page at all. Opens, alternately, an empty extension page (one
 * heading, no script, written into a bench build) and the popup with 1 history entry, both timed
 * as popupTimes does (navigation start to the first animation frame with the content), and prints
 * both medians. Not a test (nothing asserted).
 */
import {execFileSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {badgeOf} from '../../../tools/browser/extension-control.js';
import {startServer} from '../../../tools/browser/https-server.js';
import {launch} from '../../../tools/browser/launch.js';
import {markerAppears} from '../../../tools/browser/overlay-probe.js';
import {benchRoutes, COVER_URL} from './bench-site.js';
import {popupTimes} from './popup-ready.js';

const openings = Number(process.argv[2] ?? 12);
const root = resolve(import.meta.dirname, '../../..');
const outRoot = resolve(root, '.bench/popup-floor-dist');
const {CLICHE_INDEX: _ignored, ...env} = process.env;
execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--mode', 'chrome', '--logLevel', 'warn'], {cwd: root, env: {...env, CLICHE_OUT: outRoot}, stdio: ['ignore', 'ignore', 'inherit']});
writeFileSync(resolve(outRoot, 'chrome/blank.html'), '<!doctype html><html><head><meta charset="utf-8"><title>blank</title></head><body><h1>blank</h1></body></html>');

const server = await startServer(await benchRoutes());
const b = await launch(resolve(outRoot, 'chrome'), server.port);
const tab = await b.context.newPage();
await tab.goto(COVER_URL, {waitUntil: 'load'});
if (!(await markerAppears(tab))) throw new Error('no marker within 30 s'); // the popup's one history entry
const {tabId} = await badgeOf(b.context, COVER_URL);

const blank: number[] = [];
const popup: number[] = [];
for (let i = 0; i < openings; i++) {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/blank.html`, {waitUntil: 'commit'});
  blank.push(await (await page.waitForFunction(() => (document.querySelector('h1') ? performance.now() : 0))).jsonValue());
  await page.close();
  popup.push((await popupTimes(b.context, b.extensionId, tabId, 1)).historyMs);
}
const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} (n=${xs.length})`;
console.log(`empty extension page: ${fmt(blank)}`);
console.log(`popup, 1 history entry: ${fmt(popup)}`);
await b.context.close();
await server.close();
