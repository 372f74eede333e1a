/** The messaging contract: every request, who may send it, and how its shape is checked. */
import type {Flag, Slot} from './flag.js';
import {SLOTS} from './flag.js';
import type {IndexSourceKind} from './index-registry.js';
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

/** One index, as listed on the options page. */
export interface IndexInfo {
  /** Record id ('default' for the bundled index). */
  id: string;
  name: string;
  source: IndexSourceKind;
  /** Searched when enabled (several enabled indexes are searched together). */
  enabled: boolean;
  /** False for the bundled index: it can be disabled, not removed. */
  removable: boolean;
  photos: number;
  /** Bytes of the index file in use. */
  size: number;
  /** False when disabled or when it failed to load; `error` says why it failed. */
  loaded: boolean;
  /** Large: searched in place from its stored file rather than loaded into memory. */
  inPlace?: boolean;
  error?: string;
  /** Subscriptions: the HTTPS address and days between update checks. */
  url?: string;
  updateDays?: number;
  /** Epoch ms: when the file in use was stored; last update check. */
  updatedAt?: number;
  lastCheckedAt?: number;
  /** Why the last update failed; the previous file stays in use. */
  updateError?: string;
}

/** Answer to checkImage: the flag, null for "no match in your indexes", or why it failed. */
/** `label`: a flag's marker text in the browser's language (see markerLabel). */
export type CheckResult = {flag: Flag; label: string; error?: undefined} | {flag: null; label?: undefined; error?: undefined} | {flag?: undefined; error: string};

/** autoScanPage's answer: `results` in the order of its checks. */
export type AutoScanAnswer = {on: false} | {on: true; results: CheckResult[]};

/** Requests to the background. Content scripts may send only CONTENT_REQUESTS; extension pages any. */
export interface Protocol {
  /**
   * Fetch, fingerprint and match one image found on the sender's page. `visit` (a random id per
   * page load) makes a retry after a worker restart record the history entry only once.
   */
  checkImage(req: {url: string; pageUrl: string; slot: Slot; visit?: string}): CheckResult;
  /**
   * checkImage for several images of the same page visit in one message, answered in order when all
   * are done: each message costs the page's main thread, so a scan sends its checks together.
   */
  checkImages(req: {checks: {url: string; slot: Slot}[]; pageUrl: string; visit?: string}): CheckResult[];
  /** The sender's page started a fresh scan (new page or single-page-app navigation). */
  pageScanStarted(req: {pageUrl: string}): null;
  /**
   * A supported site's page starting its scan by itself: whether automatic scanning is on for the
   * site, and if it is, checkImages of its cover and avatar. One message where a settings read and
   * the cover's check were two, each costing the page's main thread; the rest of the page waits for it.
   */
  autoScanPage(req: {checks: {url: string; slot: Slot}[]; pageUrl: string; visit?: string}): AutoScanAnswer;
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
  /** Adopt an index file the options page stored in IndexedDB under `stagedKey` (see shared/index-db.ts). */
  importIndex(req: {stagedKey: string; name: string}): IndexInfo[];
  /** Subscribe to an index by HTTPS URL (host permission granted first), optionally pinned by SHA-256. */
  subscribeIndex(req: {url: string; sha256?: string; updateDays: number}): IndexInfo[];
  setIndexEnabled(req: {id: string; enabled: boolean}): IndexInfo[];
  setIndexUpdateDays(req: {id: string; days: number}): IndexInfo[];
  /** Check a subscription for a new version now. */
  updateIndex(req: {id: string}): IndexInfo[];
  removeIndex(req: {id: string}): IndexInfo[];
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

export const CONTENT_REQUESTS: ReadonlySet<keyof Protocol> = new Set(['checkImage', 'checkImages', 'pageScanStarted', 'autoScanPage']);

/** Checks in one checkImages message at most: the page keeps 64 in flight (content/check-queue.ts). */
export const MAX_CHECKS_PER_MESSAGE = 64;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 8192): v is string => typeof v === 'string' && v.length <= max;
const isHttpUrl = (v: unknown): v is string => isStr(v) && /^https?:\/\//i.test(v);
const isDays = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 365;
const isTabId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** A page visit's checks (checkImages, autoScanPage): at least `min`, at most MAX_CHECKS_PER_MESSAGE. */
const isPageChecks = (r: Record<string, unknown>, min: number) => Array.isArray(r.checks) && r.checks.length >= min
  && r.checks.length <= MAX_CHECKS_PER_MESSAGE && r.checks.every((c) => isObj(c) && isHttpUrl(c.url) && SLOTS.includes(c.slot as Slot))
  && isStr(r.pageUrl) && (r.visit === undefined || isStr(r.visit, 64));

/** Shape checks per request: a message that fails is dropped before any handler runs. */
const REQUEST_SHAPES: {[K in keyof Protocol]: (req: Record<string, unknown>) => boolean} = {
  checkImage: (r) => isHttpUrl(r.url) && isStr(r.pageUrl) && SLOTS.includes(r.slot as Slot) && (r.visit === undefined || isStr(r.visit, 64)),
  checkImages: (r) => isPageChecks(r, 1),
  pageScanStarted: (r) => isStr(r.pageUrl),
  autoScanPage: (r) => isPageChecks(r, 0),
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
  importIndex: (r) => isStr(r.stagedKey, 128) && isStr(r.name, 1024),
  subscribeIndex: (r) => isStr(r.url, 2048) && /^https:\/\//i.test(r.url) && (r.sha256 === undefined || isStr(r.sha256, 128)) && isDays(r.updateDays),
  setIndexEnabled: (r) => isStr(r.id, 128) && typeof r.enabled === 'boolean',
  setIndexUpdateDays: (r) => isStr(r.id, 128) && isDays(r.days),
  updateIndex: (r) => isStr(r.id, 128),
  removeIndex: (r) => isStr(r.id, 128),
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
