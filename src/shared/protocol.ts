/** The messaging contract: every request, who may send it, and how its shape is checked. */
import type {Flag, Slot} from './flag.js';
import {SLOTS} from './flag.js';
import type {HistoryEntry, HistoryNotice, Settings} from './storage-schema.js';

/** What the background knows about one tab. */
export interface TabResults {
  tabId: number;
  /** Page the results belong to (results reset when the tab navigates). */
  pageUrl: string;
  /** Images checked on this page so far. */
  checked: number;
  flags: Flag[];
  /** Last error worth showing (e.g. the index failed to load), else null. */
  error: string | null;
}

/** One loaded index, as listed on the options page. */
export interface IndexInfo {
  name: string;
  photos: number;
  /** False when it failed to load; `error` says why. */
  loaded: boolean;
  error?: string;
}

/** Answer to checkImage: the flag, null for "no match in your indexes", or why it failed. */
export type CheckResult = {flag: Flag | null; error?: undefined} | {flag?: undefined; error: string};

/** Requests to the background. Content scripts may send only CONTENT_REQUESTS; extension pages any. */
export interface Protocol {
  /**
   * Fetch, fingerprint and match one image found on the sender's page. `visit` (a random id per
   * page load) makes a retry after a worker restart record the history entry only once.
   */
  checkImage(req: {url: string; pageUrl: string; slot: Slot; visit?: string}): CheckResult;
  /** The sender's page started a fresh scan (new page or single-page-app navigation). */
  pageScanStarted(req: {pageUrl: string}): null;
  /** Results for one tab (the popup's current tab). */
  getTabResults(req: {tabId: number}): TabResults;
  /** Inject the scanner into a tab the user pointed at (popup / shortcut) and scan it. */
  scanTab(req: {tabId: number}): TabResults;
  getHistory(req: Record<string, never>): HistoryEntry[];
  /** Remove one history entry by its key. */
  deleteHistoryEntry(req: {key: string}): HistoryEntry[];
  clearHistory(req: Record<string, never>): HistoryEntry[];
  /** Why history was dropped without the user asking (storage full), or null. */
  getHistoryNotice(req: Record<string, never>): HistoryNotice | null;
  dismissHistoryNotice(req: Record<string, never>): null;
  getSettings(req: Record<string, never>): Settings;
  setSettings(req: {settings: Partial<Settings>}): Settings;
  getIndexes(req: Record<string, never>): IndexInfo[];
}

/** Requests from the background to a content script. */
export interface ContentProtocol {
  /** Scan the page now (toolbar, shortcut). */
  scanNow(req: Record<string, never>): {images: number};
  /** Show the result of a right-click check in the page's panel. */
  showCheck(req: {url: string; result: CheckResult}): null;
  /** URL of the image under the last right-click (for CSS backgrounds the menu cannot see). */
  contextTarget(req: Record<string, never>): {url: string | null};
}

export type Req<P, K extends keyof P> = P[K] extends (req: infer R) => unknown ? R : never;
export type Res<P, K extends keyof P> = P[K] extends (...a: never[]) => infer R ? R : never;
/** Tagged union of all messages of a protocol. */
export type Message<P> = {[K in keyof P]: {type: K; req: Req<P, K>}}[keyof P];
/** Every reply is wrapped so errors cross the boundary as data, not as rejected promises. */
export type Reply<T> = {ok: true; value: T} | {ok: false; error: string};

export const CONTENT_REQUESTS: ReadonlySet<keyof Protocol> = new Set(['checkImage', 'pageScanStarted']);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 8192): v is string => typeof v === 'string' && v.length <= max;
const isHttpUrl = (v: unknown): v is string => isStr(v) && /^https?:\/\//i.test(v);
const isTabId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Shape checks per request: a message that fails is dropped before any handler runs. */
const REQUEST_SHAPES: {[K in keyof Protocol]: (req: Record<string, unknown>) => boolean} = {
  checkImage: (r) => isHttpUrl(r.url) && isStr(r.pageUrl) && SLOTS.includes(r.slot as Slot) && (r.visit === undefined || isStr(r.visit, 64)),
  pageScanStarted: (r) => isStr(r.pageUrl),
  getTabResults: (r) => isTabId(r.tabId),
  scanTab: (r) => isTabId(r.tabId),
  getHistory: () => true,
  deleteHistoryEntry: (r) => isStr(r.key, 16384),
  clearHistory: () => true,
  getHistoryNotice: () => true,
  dismissHistoryNotice: () => true,
  getSettings: () => true,
  setSettings: (r) => isObj(r.settings),
  getIndexes: () => true,
};

export function parseMessage(msg: unknown): Message<Protocol> | null {
  if (!isObj(msg) || !isStr(msg.type, 64) || !isObj(msg.req)) return null;
  const check = REQUEST_SHAPES[msg.type as keyof Protocol];
  if (!Object.hasOwn(REQUEST_SHAPES, msg.type) || !check(msg.req)) return null;
  return msg as unknown as Message<Protocol>;
}

const CONTENT_SHAPES: {[K in keyof ContentProtocol]: (req: Record<string, unknown>) => boolean} = {
  scanNow: () => true,
  showCheck: (r) => isStr(r.url) && isObj(r.result),
  contextTarget: () => true,
};

export function parseContentMessage(msg: unknown): Message<ContentProtocol> | null {
  if (!isObj(msg) || !isStr(msg.type, 64) || !isObj(msg.req)) return null;
  if (!Object.hasOwn(CONTENT_SHAPES, msg.type) || !CONTENT_SHAPES[msg.type as keyof ContentProtocol](msg.req)) return null;
  return msg as unknown as Message<ContentProtocol>;
}

/** The sender fields the checks use (a subset of runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: {id?: number};
}

/**
 * Who sent it: 'page' for our own extension pages (popup, options), 'content' for our content
 * scripts in a tab, null for anything else (other extensions, web pages via externally_connectable).
 */
export function senderKind(sender: SenderInfo, extensionId: string, extensionOrigin: string): 'page' | 'content' | null {
  if (sender.id !== extensionId) return null;
  if (sender.url?.startsWith(extensionOrigin)) return 'page';
  if (sender.tab?.id !== undefined) return 'content';
  return null;
}
