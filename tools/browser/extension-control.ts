/** What a user does with the extension in the browser's own UI, done through DevTools and the worker. */
import type {BrowserContext, Page} from 'playwright-core';
import {serviceWorker} from './launch.js';

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
export async function stopServiceWorker(context: BrowserContext, extensionPage: Page): Promise<void> {
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

/**
 * Clicks the extension's toolbar button for `page` as a user would: Chromium opens the popup and
 * grants activeTab for the tab (Extensions.triggerAction; needs --enable-unsafe-extension-debugging
 * and the DevTools pipe, both set by launch()).
 */
export async function clickToolbar(context: BrowserContext, extensionId: string, page: Page): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('clickToolbar: no browser-level DevTools session');
  const cdp = await browser.newBrowserCDPSession();
  // The action runs on the tab target that holds the page, not on the page target itself.
  const pageSession = await context.newCDPSession(page);
  const {targetInfo} = await pageSession.send('Target.getTargetInfo');
  await pageSession.detach();
  const {targetInfos} = await cdp.send('Target.getTargets', {filter: [{type: 'tab'}]} as never) as {targetInfos: {targetId: string; url: string}[]};
  const tab = targetInfos.find((t) => t.url === targetInfo.url);
  if (!tab) throw new Error(`clickToolbar: no tab target for ${targetInfo.url}`);
  await cdp.send('Extensions.triggerAction' as never, {id: extensionId, targetId: tab.targetId} as never);
  await cdp.detach();
}
