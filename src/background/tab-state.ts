/** Per-tab results and the toolbar badge; mirrored to session storage to survive worker restarts. */
import type {Flag} from '../shared/flag.js';
import {pageKey} from '../shared/history.js';
import type {TabResults} from '../shared/protocol.js';

export interface TabStateDeps {
  setBadge(tabId: number, text: string): Promise<void>;
  /** storage.session-like area; results are lost with the worker when absent. */
  session?: {get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>};
}

const SESSION_KEY = 'tabResults';

/** Badge text: the number of flagged images, and no text at all when there are none. */
export const badgeText = (r: TabResults | undefined) => (r && r.flags.length > 0 ? String(r.flags.length) : '');

export function createTabState(deps: TabStateDeps) {
  const tabs = new Map<number, TabResults>();
  const restored = (async () => {
    const stored: Record<string, unknown> = (await deps.session?.get(SESSION_KEY).catch(() => ({}))) ?? {};
    const saved = stored[SESSION_KEY];
    if (Array.isArray(saved)) for (const r of saved as TabResults[]) if (Number.isInteger(r?.tabId)) tabs.set(r.tabId, r);
  })();

  async function commit(tabId: number) {
    await deps.setBadge(tabId, badgeText(tabs.get(tabId))).catch(() => undefined); // tab may be gone
    await deps.session?.set({[SESSION_KEY]: [...tabs.values()]}).catch(() => undefined);
  }

  async function current(tabId: number, pageUrl: string): Promise<TabResults> {
    await restored;
    let r = tabs.get(tabId);
    if (!r || pageKey(r.pageUrl) !== pageKey(pageUrl)) {
      r = {tabId, pageUrl, checked: 0, flags: [], error: null};
      tabs.set(tabId, r);
    }
    return r;
  }

  return {
    async get(tabId: number): Promise<TabResults> {
      await restored;
      return tabs.get(tabId) ?? {tabId, pageUrl: '', checked: 0, flags: [], error: null};
    },
    /** A new page or a single-page-app navigation: earlier flags no longer describe the tab. */
    async startPage(tabId: number, pageUrl: string) {
      await current(tabId, pageUrl);
      await commit(tabId);
    },
    async addResult(tabId: number, pageUrl: string, flag: Flag | null, error: string | null = null) {
      const r = await current(tabId, pageUrl);
      r.checked++;
      if (error) r.error = error;
      if (flag && !r.flags.some((f) => f.imageUrl === flag.imageUrl)) r.flags.push(flag);
      await commit(tabId);
    },
    async remove(tabId: number) {
      await restored;
      if (tabs.delete(tabId)) await deps.session?.set({[SESSION_KEY]: [...tabs.values()]}).catch(() => undefined);
    },
  };
}

export type TabState = ReturnType<typeof createTabState>;
