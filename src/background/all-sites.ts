/**
 * The options switch "Check images on every site automatically": while the optional `<all_urls>`
 * host permission is granted, every page of another site is scanned when it finishes loading,
 * as if the toolbar button had been clicked there. The permission is the only state: revoking it
 * (from the options page or the browser's own extension settings) stops the scans at once.
 */
import {siteOf} from '../shared/sites.js';

export const ALL_SITES = {origins: ['<all_urls>']};

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

/** The tabs.onUpdated listener the background adds at top level (a stopped worker must wake for it). */
export function allSitesListener(api: AllSitesApi, scanTab: (tabId: number) => Promise<void>) {
  const allSites = createAllSites(api, scanTab);
  return (tabId: number, change: TabChange, tab: {url?: string}): void => void allSites.onTabUpdated(tabId, change, tab);
}
