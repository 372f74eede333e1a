/**
 * `npx tsx tests/bench/extension/worker-memory.ts [photos] [--bundled]`: the extension's background
 * memory with a synthetic index of that many photos (default 10^5) in use and a cover checked.
 * Prints figures. The index is imported in the options page as a user would (stored in IndexedDB,
 * searched in place when large); the worker is then stopped, and a fresh one opens it for the
 * cover's check, so the figures are the worker's steady state, not the import's. `--bundled`
 * builds the index into the extension instead (CLICHE_INDEX), which decodes it into memory.
 *
 * The service worker runs in the extension's own renderer process (Chromium's --extension-process);
 * its resident and proportional set sizes, read from /proc, are the worker's memory as the system
 * sees it (the JS heap alone leaves out the index's typed arrays, which live outside it).
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {encodeIndex} from '../../../src/core/index-file.js';
import {startServer} from '../../../tools/browser/https-server.js';
import {launch, serviceWorker} from '../../../tools/browser/launch.js';
import {stopServiceWorker} from '../../../tools/browser/extension-control.js';
import {syntheticIndex} from '../synthetic-index.js';
import {benchRoutes, COVER_URL} from './bench-site.js';

const PHOTOS = Number(process.argv[2] ?? 100_000);
const BUNDLED = process.argv.includes('--bundled');
const root = resolve(import.meta.dirname, '../../..');
const work = resolve(root, `.bench/worker-memory-${PHOTOS}`);
mkdirSync(work, {recursive: true});
const indexPath = resolve(work, 'index.cliche');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

let t = Date.now();
writeFileSync(indexPath, encodeIndex(syntheticIndex(PHOTOS)));
console.log(`index: ${PHOTOS} photos, ${mb(statSync(indexPath).size)} file (${((Date.now() - t) / 1000).toFixed(1)} s to generate)`);
const {CLICHE_INDEX: _ignored, ...env} = process.env;
execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--mode', 'chrome', '--logLevel', 'warn'],
  {cwd: root, env: {...env, ...(BUNDLED ? {CLICHE_INDEX: indexPath} : {}), CLICHE_OUT: resolve(work, 'dist')}, stdio: ['ignore', 'ignore', 'inherit']});

/** Chromium's extension renderer processes started under this profile (children of its browser process). */
function extensionProcesses(userDataDir: string): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], {encoding: 'utf8'}).trim().split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)!).map(([, pid, ppid, args]) => ({pid: +pid, ppid: +ppid, args}));
  const browser = rows.find((r) => r.args.includes(`--user-data-dir=${userDataDir}`) && !r.args.includes('--type='));
  if (!browser) throw new Error('no browser process');
  const family = new Set([browser.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (family.has(r.ppid) && !family.has(r.pid)) grew = !!family.add(r.pid);
  }
  return rows.filter((r) => family.has(r.pid) && r.args.includes('--extension-process')).map((r) => r.pid);
}

const kb = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
function memory(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  // USS: the pages only this process maps (what ending it would give back).
  return {rss: kb(status, 'VmRSS'), peak: kb(status, 'VmHWM'), pss: kb(rollup, 'Pss'), uss: kb(rollup, 'Private_Clean') + kb(rollup, 'Private_Dirty')};
}

const server = await startServer(await benchRoutes());
const b = await launch(resolve(work, 'dist/chrome'), server.port);
try {
  if (!BUNDLED) {
    const options = await b.context.newPage();
    await options.goto(`chrome-extension://${b.extensionId}/src/ui/options/index.html`);
    const tImport = Date.now();
    await options.locator('.index-import').setInputFiles(indexPath);
    const listed = options.locator('tr.index-row', {hasText: 'index.cliche'}).locator('.index-photos');
    while ((await listed.textContent().catch(() => null))?.replace(/\D/g, '') !== String(PHOTOS)) {
      const error = await options.locator('.error, .index-error').first().textContent().catch(() => null);
      if (error || Date.now() - tImport > 600_000) throw new Error(`import failed: ${error ?? 'timed out'}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`imported in ${((Date.now() - tImport) / 1000).toFixed(1)} s; peak RSS of the extension process during it: ${extensionProcesses(b.userDataDir).map((pid) => mb(memory(pid).peak)).join(', ')}`);
    await stopServiceWorker(b.context, options);
    await options.close();
  }
  const page = await b.context.newPage();
  t = Date.now();
  await page.goto(COVER_URL, {waitUntil: 'load'});
  const worker = await serviceWorker(b.context);
  // The cover's answer (a flag, or why not) says the index was loaded or failed to.
  const tabId = await worker.evaluate(async (u) => (await (globalThis as any).chrome.tabs.query({url: u}))[0].id, COVER_URL); // eslint-disable-line @typescript-eslint/no-explicit-any
  let answer = '';
  while (!answer && Date.now() - t < 300_000) {
    const r = await (await serviceWorker(b.context)).evaluate((id) => (globalThis as any).clicheTest.tabResults(id), tabId); // eslint-disable-line @typescript-eslint/no-explicit-any
    answer = r.flags.length ? `flagged ${r.flags[0].meta.id}` : r.error ? `error: ${r.error}` : r.checked ? 'no match' : '';
    if (!answer) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  console.log(`cover: ${answer || 'no answer'} ${((Date.now() - t) / 1000).toFixed(1)} s after navigation`);
  const heap = await (await serviceWorker(b.context)).evaluate(() => (performance as unknown as {memory?: {usedJSHeapSize: number}}).memory?.usedJSHeapSize ?? null);
  await page.close(); // only the worker left in the extension process
  // At the answer, then sampled every 250 ms for 10 s: the page's other checks run passes whose
  // slices are garbage until a collection, so one reading can fall anywhere in that saw-tooth.
  for (const pid of extensionProcesses(b.userDataDir)) {
    const first = memory(pid);
    const samples = [first];
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 250));
      samples.push(memory(pid));
    }
    const span = (k: 'rss' | 'pss' | 'uss') => `${mb(Math.min(...samples.map((m) => m[k])))}–${mb(Math.max(...samples.map((m) => m[k])))}`;
    const last = samples[samples.length - 1];
    console.log(`extension process ${pid} at the answer: RSS ${mb(first.rss)}, PSS ${mb(first.pss)}, USS ${mb(first.uss)}${heap ? `; worker JS heap ${mb(heap)}` : ''}`);
    console.log(`  over the next 10 s (41 samples): RSS ${span('rss')}, PSS ${span('pss')}, USS ${span('uss')}; last RSS ${mb(last.rss)}, PSS ${mb(last.pss)}, USS ${mb(last.uss)}; peak RSS ${mb(last.peak)}`);
  }
} finally {
  await b.context.close();
  await server.close();
}
