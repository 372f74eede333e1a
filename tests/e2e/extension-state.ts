/** What the extension holds, read inside its service worker: history, a tab's results, check counters. */
import type {BrowserContext} from 'playwright-core';
import type {Flag} from '../../src/shared/flag.js';
import type {HistoryEntry} from '../../src/shared/storage-schema.js';
import {serviceWorker} from '../../tools/browser/launch.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface CheckStats {
  requests: number;
  fingerprinted: string[];
  maxConcurrent: number;
}

/** Evaluates in the running worker, waiting for a new one when it was just stopped. */
async function inWorker<T, A>(context: BrowserContext, fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await (await serviceWorker(context)).evaluate(fn as never, arg) as T;
    } catch (err) {
      if (attempt >= 3) throw err; // the worker closed under us: the next one answers
    }
  }
}

export const historyOf = (context: BrowserContext): Promise<HistoryEntry[]> =>
  inWorker(context, async () => ((await (globalThis as any).chrome.storage.local.get('history')).history ?? []), null);

export const checkStats = (context: BrowserContext): Promise<CheckStats> =>
  inWorker(context, () => structuredClone((globalThis as any).clicheTest.checkStats()), null);

export const tabFlags = (context: BrowserContext, tabId: number): Promise<Flag[]> =>
  inWorker(context, async (id) => (await (globalThis as any).clicheTest.tabResults(id)).flags, tabId);

/** Tab id and badge text of the tab whose URL is exactly `url` (no match-pattern quoting needed). */
export const tabOf = (context: BrowserContext, url: string): Promise<{tabId: number; badge: string}> =>
  inWorker(context, async (u) => {
    const chrome = (globalThis as any).chrome;
    const tab = (await chrome.tabs.query({})).find((t: {url?: string}) => t.url === u);
    return {tabId: tab.id, badge: await chrome.action.getBadgeText({tabId: tab.id})};
  }, url);

/** Asks the tab's content script to scan now, as the toolbar does; resolves with the candidates once all are answered. */
export const scanNow = (context: BrowserContext, tabId: number): Promise<number> =>
  inWorker(context, async (id) => {
    const r = await (globalThis as any).chrome.tabs.sendMessage(id, {type: 'scanNow', req: {}});
    return r.value.images;
  }, tabId);
