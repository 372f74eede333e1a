/** Popup time-to-usable with a large history, and the history that fills it. */
import type {BrowserContext} from 'playwright-core';
import {historyHead} from '../../../src/shared/history.js';
import {HEAD_KEY, type HistoryEntry} from '../../../src/shared/storage-schema.js';
import {serviceWorker} from '../../../tools/browser/launch.js';

/** `n` distinct entries (one stock photo per page), all recent enough to survive retention. */
export function syntheticHistory(n: number, now = Date.now()): HistoryEntry[] {
  return Array.from({length: n}, (_, i) => {
    const meta = {id: `bench:${i}`, library: ['Unsplash', 'Pexels', 'Pixabay'][i % 3], title: `photo ${i}`, photographer: `Photographer ${i % 97}`,
      pageUrl: `https://stock.example/photos/${i}`, licence: 'Free licence', downloads: 1000 * i, views: 20_000 * i};
    const pageUrl = `https://www.facebook.com/page${i}`;
    return {key: `${meta.id} ${pageUrl}`, meta, score: 0.9, imageUrl: `https://scontent.xx.fbcdn.net/v/cover-${i}.jpg`, pageUrl,
      slot: 'cover', firstSeen: now - i * 60_000, lastSeen: now - i * 60_000, timesSeen: 1};
  });
}

/**
 * Resolves once the background's install-time rewrite of the stored history is done (it writes the
 * popup's head): storage written before it could be overwritten by it, or no longer fit.
 */
export async function storageSettled(context: BrowserContext): Promise<void> {
  const worker = await serviceWorker(context);
  for (let tries = 0; tries < 400; tries++) {
    if (await worker.evaluate(async (key) => key in (await (globalThis as {chrome?: any}).chrome.storage.local.get(key)), HEAD_KEY)) return; // eslint-disable-line @typescript-eslint/no-explicit-any
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the extension wrote no history head within 20 s of its start');
}

/**
 * Writes the history straight into storage.local, in the stored schema (version 1), with the popup's
 * head of it in the same set(), as the background's history store writes them.
 */
export async function seedHistory(context: BrowserContext, history: HistoryEntry[]): Promise<void> {
  await storageSettled(context);
  const worker = await serviceWorker(context);
  const items = {schemaVersion: 1, history, [HEAD_KEY]: historyHead(history)};
  await worker.evaluate((i) => (globalThis as {chrome?: any}).chrome.storage.local.set(i), items); // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface PopupTimes {
  /**
   * Navigation start to the first frame where the popup is usable: the tab section drawn, the history
   * heading counting the entries, its first row drawn and its search box there.
   */
  historyMs: number;
  /** Navigation start to the end of the current tab's fresh scan. */
  scanDoneMs: number;
}

/** Opens the popup document for `tabId` (as the toolbar popup would show it) and times it until it lists at least `entries`. */
export async function popupTimes(context: BrowserContext, extensionId: string, tabId: number, entries: number): Promise<PopupTimes> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/src/ui/popup/index.html?tab=${tabId}`, {waitUntil: 'commit'});
  // Polled on animation frames: the value is the time of the first frame where the condition holds.
  const historyMs = await (await popup.waitForFunction((n) => {
    const count = Number(/\((\d+)\)/.exec(document.querySelector('.history h2')?.textContent ?? '')?.[1] ?? 0);
    const usable = document.querySelector('.tab-results h1') && document.querySelector('.history-entry .page-url')
      && document.querySelector('.history input[type=search]');
    return count >= n && usable ? performance.now() : 0;
  }, entries)).jsonValue();
  const scanDoneMs = await (await popup.waitForFunction(() =>
    document.querySelector('.tab-results')?.getAttribute('aria-busy') === 'false' ? performance.now() : 0)).jsonValue();
  await popup.close();
  return {historyMs, scanDoneMs};
}
