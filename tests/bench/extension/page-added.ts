/**
 * `npx tsx tests/bench/extension/page-added.ts [rounds] [loads]`: the main-thread work the extension
 * adds to the feed page (a cover and 50 images), measured as the issue words it: the page
 * renderer's main-thread CPU time with the extension's content script, less the same without it.
 *
 * bench:extension's figure (contentScriptCost) counts CPU-profile samples with a frame of our
 * script on the stack. That leaves out what the page pays around the script (injecting it,
 * rendering the marker, dispatching events into a second JavaScript world) and counts as ours the
 * gaps when the sampler or the thread waited for one of the two cores. This one sums the thread
 * time (trace `tdur`) of every outermost task on the page's main thread from navigation to a fixed
 * hold after it, for four copies of our build that differ only in their content script:
 * none (the manifest's content_scripts removed), an empty script, a stub doing only the required
 * work (find the 51 images, one listener, two messages, one marker in a closed shadow root), and
 * ours. Arms alternate order every round, each round a fresh browser per arm with one untimed
 * load. Prints medians and the differences from "none". Not a test.
 */
import {execFileSync} from 'node:child_process';
import {cpSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {resolve} from 'node:path';
import type {Page} from 'playwright-core';
import {startServer} from '../../../tools/browser/https-server.js';
import {launch} from '../../../tools/browser/launch.js';
import {markerAppears} from '../../../tools/browser/overlay-probe.js';
import {benchRoutes, FEED_URL, OTHER_IMAGES} from './bench-site.js';
import {feedChecksAnswered} from './checks-done.js';
import {pageMainThreadMs} from './main-thread.js';

const rounds = Number(process.argv[2] ?? 4);
const loads = Number(process.argv[3] ?? 6);
/** Every load is held this long from navigation: ours has answered all 51 checks by then (checked). */
const HOLD_MS = 4000;
const root = resolve(import.meta.dirname, '../../..');
const outRoot = resolve(root, '.bench/page-added-dist');
const {CLICHE_INDEX: _ignored, ...env} = process.env;
execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--mode', 'chrome', '--logLevel', 'warn'], {cwd: root, env: {...env, CLICHE_OUT: outRoot}, stdio: ['ignore', 'ignore', 'inherit']});

/** The marker as ours makes it: a zero-size host, a closed shadow root, a style sheet, a button. */
const MARKER = `requestAnimationFrame(() => {
  const r = document.querySelector('img').getBoundingClientRect();
  const host = document.createElement('cliche-overlay');
  host.setAttribute('style', 'all: initial !important; position: absolute !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; pointer-events: none !important;');
  const shadow = host.attachShadow({mode: 'closed'});
  const style = document.createElement('style');
  style.textContent = '.layer{position:absolute;top:0;left:0;width:0;height:0;overflow:visible}.marker{position:absolute;pointer-events:auto;cursor:pointer;max-width:320px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font:600 12px/1.2 system-ui,sans-serif;color:#fff;background:rgba(154,52,18,.92);border:0;border-radius:4px;padding:3px 7px;box-shadow:0 1px 3px rgba(0,0,0,.4)}';
  const layer = document.createElement('div');
  layer.className = 'layer';
  shadow.append(style, layer);
  document.documentElement.append(host);
  const b = document.createElement('button');
  b.className = 'marker';
  b.textContent = 'Stock photo · Unsplash · 2.1M downloads';
  b.addEventListener('click', () => {});
  b.style.left = (r.left + scrollX + 8) + 'px';
  b.style.top = (r.top + scrollY + 8) + 'px';
  layer.append(b);
});`;
/**
 * The job with nothing else: the generic walk, a listener, the cover's message and the others'.
 * Our worker does not know these messages; the stub marks the cover without waiting for an answer.
 */
const REQUIRED_WORK = `(function(){
  const urls = [];
  for (const el of document.querySelectorAll('img, svg image, [style*="background"]')) {
    const r = el.getBoundingClientRect();
    if (r.width >= 200 && r.height >= 120) urls.push(el.currentSrc);
  }
  chrome.runtime.onMessage.addListener(() => undefined);
  chrome.runtime.sendMessage({type: 'stub', urls: urls.slice(0, 1)}).catch(() => {});
  ${MARKER}
  chrome.runtime.sendMessage({type: 'stub', urls: urls.slice(1)}).catch(() => {});
})();`;

/** Content script per arm: undefined = no content script at all, null = ours. */
const arms: Record<string, string | null | undefined> = {
  'no content script': undefined,
  'empty script': '(function(){})();',
  'required work (stub)': REQUIRED_WORK,
  'Cliché': null,
};
const dirOf = (name: string) => resolve(outRoot, name.replace(/\W+/g, '-'));
for (const [name, script] of Object.entries(arms)) {
  const dir = dirOf(name);
  rmSync(dir, {recursive: true, force: true});
  cpSync(resolve(outRoot, 'chrome'), dir, {recursive: true});
  if (script) writeFileSync(resolve(dir, 'src/content/main.js'), script);
  if (script === undefined) {
    const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8'));
    delete manifest.content_scripts;
    writeFileSync(resolve(dir, 'manifest.json'), JSON.stringify(manifest));
  }
}

const server = await startServer(await benchRoutes());
const times: Record<string, number[]> = Object.fromEntries(Object.keys(arms).map((n) => [n, []]));
let late = 0;
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? Object.keys(arms).reverse() : Object.keys(arms);
  for (const name of order) {
    const ours = arms[name] === null;
    const b = await launch(dirOf(name), server.port);
    const settle = async (page: Page, started: number) => {
      if (ours) await feedChecksAnswered(b.context, page);
      const left = HOLD_MS - (Date.now() - started);
      if (left < 300) late++;
      await page.waitForTimeout(Math.max(0, left));
    };
    const warm = await b.context.newPage();
    const warmStart = Date.now();
    await warm.goto(FEED_URL, {waitUntil: 'load'});
    await settle(warm, warmStart); // the worker's index loaded, the first checks done
    await warm.close();
    for (let i = 0; i < loads; i++) {
      times[name].push(await pageMainThreadMs(b.context, FEED_URL, settle, async (page) => {
        if (ours && !(await markerAppears(page))) throw new Error('no marker on the feed page');
      }));
    }
    await b.context.close();
  }
}
const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)];
const base = median(times['no content script']);
console.log(`Page main-thread CPU, feed page (cover + ${OTHER_IMAGES} images), navigation to +${HOLD_MS} ms; ${rounds} rounds x ${loads} loads per arm:`);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(`${name.padEnd(22)} median ${m.toFixed(1)} ms (${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)}, n=${xs.length})${m === base ? '' : `, adds ${(m - base).toFixed(1)} ms`}`);
}
if (late) console.log(`warning: ${late} loads settled less than 300 ms before the hold ended`);
await server.close();
