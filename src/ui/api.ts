/** The UI's calls to the background, typed by the shared Protocol, and its direct storage reads. */
import {browser} from '../shared/browser.js';
import {call} from '../shared/messaging.js';
import type {Protocol, Req, Res} from '../shared/protocol.js';
import {HEAD_KEY, migrate, parseHead, type HistoryEntry, type HistoryHead} from '../shared/storage-schema.js';

export const api = <K extends keyof Protocol>(type: K, req: Req<Protocol, K>): Promise<Res<Protocol, K>> =>
  call((m) => browser.runtime.sendMessage(m), type, req);

/**
 * The stored history, read by the page itself rather than asked of the background (as getHistory
 * would): the same read and migration the background's store does, without waking the worker and
 * sending the whole history through a message. With 1,000 entries that copy cost about a quarter of
 * the wait (bench:extension, the popup's history). Changes still go through the background.
 */
export async function readHistory(): Promise<HistoryEntry[]> {
  return migrate(await browser.storage.local.get(['schemaVersion', 'history'])).history;
}

/**
 * The history's newest entries and count, stored beside it by the background: a few KB to read
 * where the whole history is ~450 KB at 1,000 entries. Null when storage has none yet (a history
 * written before the head existed, until the next change): then only readHistory() will do.
 */
export async function readHistoryHead(): Promise<HistoryHead | null> {
  return parseHead((await browser.storage.local.get([HEAD_KEY]))[HEAD_KEY]);
}
