/** The demo's core: the built extension in Chromium on the demo page; reports what it flagged. */
import {mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import type {Flag} from '../../src/shared/flag.js';
import {badgeOf} from '../browser/extension-control.js';
import {startServer} from '../browser/https-server.js';
import {launch, serviceWorker} from '../browser/launch.js';
import {DEMO_URL, demoRoutes} from './demo-site.js';
import {markerAppears} from '../browser/overlay-probe.js';

export interface DemoOptions {
  extensionDir: string;
  /** Headless: report, save the screenshot and close. Headed: leave the window open until closed. */
  headless: boolean;
  screenshotPath: string;
  log: (line: string) => void;
  /** How long to wait for the first marker; generous for a cold start on a busy 2-core machine. */
  timeoutMs?: number;
}

/** One line per flagged image, as the demo prints it. */
export const describeFlag = (f: Flag) =>
  `flagged ${f.slot}: ${f.meta.id} (${f.meta.library}${f.meta.photographer ? `, by ${f.meta.photographer}` : ''}) confidence ${f.score.toFixed(2)}`;

export async function runDemo(o: DemoOptions): Promise<Flag[]> {
  const server = await startServer(await demoRoutes());
  const {context} = await launch(o.extensionDir, server.port, {headless: o.headless, viewport: {width: 1280, height: 860}});
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(DEMO_URL, {waitUntil: 'load'});
    o.log(`demo page: ${DEMO_URL} (served on 127.0.0.1:${server.port})`);
    const found = await markerAppears(page, o.timeoutMs ?? 30_000);
    const {tabId} = await badgeOf(context, DEMO_URL);
    const worker = await serviceWorker(context);
    const flags: Flag[] = found
      ? (await worker.evaluate((id) => (globalThis as {clicheTest?: any}).clicheTest.tabResults(id), tabId)).flags // eslint-disable-line @typescript-eslint/no-explicit-any
      : [];
    if (flags.length === 0) o.log('nothing flagged');
    for (const f of flags) o.log(describeFlag(f));
    if (o.headless) {
      mkdirSync(dirname(o.screenshotPath), {recursive: true});
      await page.screenshot({path: o.screenshotPath});
      o.log(`screenshot: ${o.screenshotPath}`);
    } else {
      o.log('Click the label on the cover for the details, or the Cliché icon for the popup. Close the window to quit.');
      await new Promise((resolve) => context.once('close', resolve));
    }
    return flags;
  } finally {
    await context.close().catch(() => undefined);
    await server.close();
  }
}
