/**
 * The options switch "Check images on every site automatically": while the optional `<all_urls>`
 * host permission is granted, every page of another site is scanned when it finishes loading,
 * as if the toolbar button had been clicked there. The permission is the only state: revoking it
 * (from the options page or the browser's own extension settings) stops the scans at once.
 */
import {ALL_SITES, siteOf} from '../shared/sites.js';

/** The parts of the WebExtension API this needs; tests pass a fake. */
export interface AllSitesApi {
  contains(permissions: typeof ALL_SITES): Promise<boolean>;
}

export interface TabChange {
  status?: string;
}

/**
 * Why not a content script registered with scripting.registerContentScripts: the content script
 * scans by itself only on the supported sites, so on any other page it would load and wait for the
 * background anyway. The background's scan (scanTab: inject unless present, then scan) is the
 * toolbar's own path, and nothing is injected anywhere while the switch is off.
 */
export function createAllSites(api: AllSitesApi, scanTab: (tabId: number) => Promise<void>) {
  return {
    /** tabs.onUpdated: a page finished loading in a tab. */
    async onTabUpdated(tabId: number, change: TabChange, tab: {url?: string}): Promise<boolean> {
      if (change.status !== 'complete') return false;
      // The URL is visible only with a host permission for it: without one, there is nothing to do.
      const url = tab.url;
      if (!url || !/^https?:/.test(url)) return false;
      // The supported sites have their own content script and per-site switches.
      if (siteOf(url)) return false;
      // A subscription's origin or activeTab also reveal URLs: only the switch's permission counts.
      if (!(await api.contains(ALL_SITES).catch(() => false))) return false;
      // A page that refuses injection (the browser's store, an error page) is not an error to report.
      await scanTab(tabId).catch(() => undefined);
      return true;
    },
  };
}

type TabListener = (tabId: number, change: TabChange, tab: {url?: string}) => void;
type Listeners<F> = {addListener(f: F): void; removeListener(f: F): void; hasListener(f: F): boolean};

/** The part of the browser the background wiring needs; tests pass a fake. */
export interface AllSitesBrowser {
  permissions: AllSitesApi & {onAdded: Listeners<() => void>; onRemoved: Listeners<() => void>};
  tabs: {onUpdated: Listeners<TabListener>};
}

/**
 * Wires the switch into the background. The tab listener is added at top level, so a worker woken
 * by a tab update sees it, then taken away again while the permission is not granted: a browser
 * wakes a stopped worker for every event it has a listener for, and with it always there every page
 * load woke Chromium's worker, switch off or on (measured: a navigation after ServiceWorker.stopWorker
 * started it; with the listener removed, it stays stopped). Permission changes put it back or take it away.
 */
export function watchAllSites(browser: AllSitesBrowser, scanTab: (tabId: number) => Promise<void>): Promise<void> {
  const allSites = createAllSites(browser.permissions, scanTab);
  const listener: TabListener = (tabId, change, tab) => void allSites.onTabUpdated(tabId, change, tab);
  const onUpdated = browser.tabs.onUpdated;
  onUpdated.addListener(listener);
  const sync = async () => {
    const granted = await browser.permissions.contains(ALL_SITES).catch(() => false);
    if (granted && !onUpdated.hasListener(listener)) onUpdated.addListener(listener);
    if (!granted && onUpdated.hasListener(listener)) onUpdated.removeListener(listener);
  };
  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener(() => void sync());
  return sync();
}
