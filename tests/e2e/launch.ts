/** Debian's Chromium with the built extension, every host name mapped to the loopback server. */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium, type BrowserContext, type Worker} from 'playwright-core';
import {CHROMIUM} from './global-setup.js';

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
}

export async function launch(extensionDir: string, port: number, options: {userDataDir?: string; lang?: string} = {}): Promise<Launched> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'cliche-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false, // headless via --headless=new below: the old headless mode has no extensions
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run',
      `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
      // Every host, real site or CDN, resolves to the fixture server: nothing leaves the machine.
      `--host-resolver-rules=MAP * 127.0.0.1:${port}`, '--ignore-certificate-errors',
      ...(options.lang ? [`--lang=${options.lang}`] : []),
    ],
    ...(options.lang ? {locale: options.lang} : {}),
  });
  const worker = await serviceWorker(context);
  return {context, extensionId: new URL(worker.url()).host, userDataDir};
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker');
}

/** Tab id and badge text of the tab showing `url`, read inside the extension. */
export async function badgeOf(context: BrowserContext, url: string): Promise<{tabId: number; text: string}> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async (u) => {
    const chrome = (globalThis as {chrome?: any}).chrome; // eslint-disable-line @typescript-eslint/no-explicit-any
    const [tab] = await chrome.tabs.query({url: u});
    return {tabId: tab.id!, text: await chrome.action.getBadgeText({tabId: tab.id})};
  }, url);
}

interface VersionEvent {
  versions: {versionId: string; scriptURL: string; runningStatus: string}[];
}

/**
 * Stops the extension's service worker as Chrome does when it idles out (DevTools protocol,
 * from one of the extension's pages) and resolves once Chrome reports it stopped.
 */
export async function stopServiceWorker(context: BrowserContext, extensionPage: import('playwright-core').Page): Promise<void> {
  const cdp = await context.newCDPSession(extensionPage);
  // Not URL.origin: Node gives "null" as the origin of chrome-extension: URLs.
  const origin = `chrome-extension://${new URL(extensionPage.url()).host}/`;
  const status = new Map<string, string>();
  let changed = () => {};
  cdp.on('ServiceWorker.workerVersionUpdated', (e: VersionEvent) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(origin)) status.set(v.versionId, v.runningStatus);
    changed();
  });
  const until = (ok: () => boolean) => new Promise<void>((resolve) => {
    changed = () => ok() && resolve();
    changed();
  });
  await cdp.send('ServiceWorker.enable');
  await until(() => [...status.values()].includes('running'));
  const running = [...status].filter(([, s]) => s === 'running').map(([id]) => id);
  // Sent only once enable has answered: a stop sent from inside the first event is ignored.
  for (const versionId of running) await cdp.send('ServiceWorker.stopWorker', {versionId});
  await until(() => running.every((id) => status.get(id) === 'stopped'));
  await cdp.detach();
}
