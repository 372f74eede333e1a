/**
 * `npx tsx tests/bench/extension/content-floor.ts [rounds]`: how much of the content script's
 * main-thread time (the figure bench:extension holds to 5 ms) any content script that talks to its
 * extension pays in this Chromium. The feed page (a cover and 50 images) is loaded with three builds
 * that differ only in src/content/main.js: an empty script, one that sends one runtime message,
 * and ours. Each round starts a fresh browser per build, loads the page once untimed, then measures
 * a second load as bench:extension does (contentScriptCost). Prints medians. Not a test.
 */
import {execFileSync} from 'node:child_process';
import {cpSync, rmSync, writeFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {startServer} from '../../../tools/browser/https-server.js';
import {launch} from '../../../tools/browser/launch.js';
import {benchRoutes, FEED_URL} from './bench-site.js';
import {contentScriptCost} from './main-thread.js';

const rounds = Number(process.argv[2] ?? 5);
const root = resolve(import.meta.dirname, '../../..');
const outRoot = resolve(root, '.bench/content-floor-dist');
const {CLICHE_INDEX: _ignored, ...env} = process.env;
execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--mode', 'chrome', '--logLevel', 'warn'], {cwd: root, env: {...env, CLICHE_OUT: outRoot}, stdio: ['ignore', 'ignore', 'inherit']});

/** Replacement content scripts; `null` keeps ours. */
const builds: Record<string, string | null> = {
  'empty script': '(function(){})();',
  'one runtime message': '(function(){chrome.runtime.sendMessage({type:"ping"}).catch(function(){});})();',
  'Cliché': null,
};
for (const [name, script] of Object.entries(builds)) {
  const dir = resolve(outRoot, name.replace(/\W+/g, '-'));
  rmSync(dir, {recursive: true, force: true});
  cpSync(resolve(outRoot, 'chrome'), dir, {recursive: true});
  if (script !== null) writeFileSync(resolve(dir, 'src/content/main.js'), script);
}

const server = await startServer(await benchRoutes());
const times: Record<string, number[]> = Object.fromEntries(Object.keys(builds).map((n) => [n, []]));
for (let r = 0; r < rounds; r++) {
  for (const name of Object.keys(builds)) {
    const b = await launch(resolve(outRoot, name.replace(/\W+/g, '-')), server.port);
    const warm = await b.context.newPage();
    await warm.goto(FEED_URL, {waitUntil: 'load'});
    await warm.waitForTimeout(1500); // the worker's index loaded, the first checks done
    await warm.close();
    // Ours is done when its checks are; the stubs have nothing to wait for. 2.5 s covers both.
    const cost = await contentScriptCost(b.context, FEED_URL, `chrome-extension://${b.extensionId}/`, (p) => p.waitForTimeout(2500));
    times[name].push(cost.scriptMs);
    await b.context.close();
  }
}
const median = (xs: number[]) => [...xs].sort((a, c) => a - c)[Math.floor(xs.length / 2)];
for (const [name, xs] of Object.entries(times)) {
  console.log(`${name.padEnd(20)} median ${median(xs).toFixed(1)} ms, min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)} (n=${xs.length})`);
}
await server.close();
