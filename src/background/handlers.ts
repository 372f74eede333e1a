/** The background's answers to every Protocol request, built from injected services. */
import type {Flag, Slot} from '../shared/flag.js';
import {siteOf} from '../shared/sites.js';
import type {CheckResult, TabResults} from '../shared/protocol.js';
import type {HistoryStore} from './history-store.js';
import type {IndexManager} from './index-manager.js';
import type {Handlers} from './router.js';
import type {TabState} from './tab-state.js';

export interface Services {
  check(url: string, pageUrl: string, slot: Slot): Promise<Flag | null>;
  tabs: TabState;
  store: HistoryStore;
  indexes: IndexManager;
  /** Holds other images' matching while a cover's check runs (cpu-turns.ts). */
  holdOthers<T>(coverCheck: Promise<T>): Promise<T>;
  /** A flag's page-marker text, in the browser's language (shared/flag.ts markerLabel). */
  label(flag: Flag): string;
  /** Makes the tab's content script scan now (injecting it first where needed); resolves when done. */
  scanTab(tabId: number): Promise<void>;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Check + bookkeeping shared by page scans and the context menu: tab results, badge, history. */
export function checkAndRecord(s: Services, tabId: number | undefined, url: string, pageUrl: string, slot: Slot, visit?: string): Promise<CheckResult> {
  const work = checkAndRecordNow(s, tabId, url, pageUrl, slot, visit);
  // The whole of a cover's check, bookkeeping included: its answer is the marker the user waits for.
  return slot === 'cover' ? s.holdOthers(work) : work;
}

async function checkAndRecordNow(s: Services, tabId: number | undefined, url: string, pageUrl: string, slot: Slot, visit?: string): Promise<CheckResult> {
  try {
    const flag = await s.check(url, pageUrl, slot);
    if (flag) await (visit === undefined ? s.store.record(flag) : s.store.record(flag, visit));
    if (tabId !== undefined) await s.tabs.addResult(tabId, pageUrl, flag);
    return flag ? {flag, label: s.label(flag)} : {flag};
  } catch (err) {
    if (tabId !== undefined) await s.tabs.addResult(tabId, pageUrl, null, message(err));
    return {error: message(err)};
  }
}

export function createHandlers(s: Services): Handlers {
  /** checkAndRecord of each of a page visit's checks, answered in order. */
  const checkAll = (req: {checks: {url: string; slot: Slot}[]; pageUrl: string; visit?: string}, tabId: number | undefined) =>
    Promise.all(req.checks.map((c) => checkAndRecord(s, tabId, c.url, req.pageUrl, c.slot, req.visit)));
  return {
    checkImage: (req, ctx) => checkAndRecord(s, ctx.tabId, req.url, req.pageUrl, req.slot, req.visit),
    checkImages: (req, ctx) => checkAll(req, ctx.tabId),
    async pageScanStarted(req, ctx) {
      if (ctx.tabId !== undefined && ctx.frameId === 0) await s.tabs.startPage(ctx.tabId, req.pageUrl);
      return null;
    },
    async autoScanPage(req, ctx) {
      // The router checked that pageUrl is the sending frame's own origin: its site is the sender's.
      const site = siteOf(req.pageUrl);
      if (!site || !(await s.store.settings()).autoScan[site]) return {on: false};
      return {on: true, results: await checkAll(req, ctx.tabId)};
    },
    getTabResults: (req) => s.tabs.get(req.tabId),
    async scanTab(req): Promise<TabResults> {
      await s.scanTab(req.tabId);
      return s.tabs.get(req.tabId);
    },
    getHistory: () => s.store.history(),
    deleteHistoryEntry: (req) => s.store.remove(req.key),
    clearHistory: () => s.store.clear(),
    getHistoryNotice: () => s.store.notice(),
    dismissHistoryNotice: () => s.store.dismissNotice(),
    getSettings: () => s.store.settings(),
    setSettings: (req) => s.store.setSettings(req.settings),
    getIndexes: () => s.indexes.info(),
    importIndex: (req) => s.indexes.importStaged(req.stagedKey, req.name),
    subscribeIndex: (req) => s.indexes.subscribe(req.url, req.sha256, req.updateDays),
    setIndexEnabled: (req) => s.indexes.setEnabled(req.id, req.enabled),
    setIndexUpdateDays: (req) => s.indexes.setUpdateDays(req.id, req.days),
    updateIndex: (req) => s.indexes.updateNow(req.id),
    removeIndex: (req) => s.indexes.remove(req.id),
  };
}
