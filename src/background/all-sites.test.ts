import {describe, expect, it, vi} from 'vitest';
import {ALL_SITES} from '../shared/sites.js';
import {createAllSites, watchAllSites} from './all-sites.js';

const setup = (granted: boolean, scan: (tabId: number) => Promise<void> = async () => undefined) => {
  const api = {contains: vi.fn(async (p: typeof ALL_SITES) => granted && p.origins[0] === '<all_urls>')};
  const scanTab = vi.fn(scan);
  return {api, scanTab, allSites: createAllSites(api, scanTab)};
};
const PAGE = {url: 'https://blog.acmebakery.example/our-story'};

describe('all-sites switch', () => {
  it('scans a page of any other site once it has loaded, while <all_urls> is granted', async () => {
    const {allSites, scanTab, api} = setup(true);
    expect(await allSites.onTabUpdated(7, {status: 'complete'}, PAGE)).toBe(true);
    expect(scanTab).toHaveBeenCalledExactlyOnceWith(7);
    expect(api.contains).toHaveBeenCalledWith({origins: ['<all_urls>']});
  });

  it('does nothing while the permission is not granted, even where the URL is visible (activeTab, a subscription origin)', async () => {
    const {allSites, scanTab} = setup(false);
    expect(await allSites.onTabUpdated(7, {status: 'complete'}, PAGE)).toBe(false);
    expect(scanTab).not.toHaveBeenCalled();
  });

  it('leaves loading pages, hidden URLs, browser pages and the supported sites alone, without asking for the permission', async () => {
    const {allSites, scanTab, api} = setup(true);
    const ignored: [object, {url?: string}][] = [
      [{status: 'loading'}, PAGE],
      [{}, PAGE],
      [{status: 'complete'}, {}],
      [{status: 'complete'}, {url: 'chrome://settings/'}],
      [{status: 'complete'}, {url: 'about:addons'}],
      [{status: 'complete'}, {url: 'https://www.facebook.com/acmebakery'}],
      [{status: 'complete'}, {url: 'https://x.com/acme'}],
    ];
    for (const [change, tab] of ignored) expect(await allSites.onTabUpdated(1, change, tab)).toBe(false);
    expect(scanTab).not.toHaveBeenCalled();
    expect(api.contains).not.toHaveBeenCalled();
  });

  it('swallows a page that refuses the scanner, and a permissions API that throws', async () => {
    const {allSites} = setup(true, async () => {
      throw new Error('Cannot access contents of the page');
    });
    await expect(allSites.onTabUpdated(3, {status: 'complete'}, PAGE)).resolves.toBe(true);
    const broken = createAllSites({contains: async () => Promise.reject(new Error('no'))}, vi.fn());
    await expect(broken.onTabUpdated(3, {status: 'complete'}, PAGE)).resolves.toBe(false);
  });
});

/** Browser events as sets of listeners, and a permission store the test flips. */
function fakeBrowser(granted: boolean) {
  const event = <F>() => {
    const fns = new Set<F>();
    return {fns, addListener: (f: F) => void fns.add(f), removeListener: (f: F) => void fns.delete(f), hasListener: (f: F) => fns.has(f)};
  };
  const state = {granted};
  const browser = {
    permissions: {contains: async () => state.granted, onAdded: event<() => void>(), onRemoved: event<() => void>()},
    tabs: {onUpdated: event<(tabId: number, change: {status?: string}, tab: {url?: string}) => void>()},
  };
  const fire = async (kind: 'onAdded' | 'onRemoved', now: boolean) => {
    state.granted = now;
    for (const f of browser.permissions[kind].fns) f();
    await new Promise((r) => setTimeout(r, 0));
  };
  return {browser, fire};
}

describe('watchAllSites', () => {
  it('keeps no tab listener while the permission is not granted, so tab updates do not wake the worker', async () => {
    const {browser} = fakeBrowser(false);
    const pending = watchAllSites(browser, vi.fn());
    // Added synchronously first: a worker woken by a tab update must see the event.
    expect(browser.tabs.onUpdated.fns.size).toBe(1);
    await pending;
    expect(browser.tabs.onUpdated.fns.size).toBe(0);
  });

  it('adds it when the permission is granted and takes it away when it is removed', async () => {
    const {browser, fire} = fakeBrowser(false);
    const scanTab = vi.fn(async () => undefined);
    await watchAllSites(browser, scanTab);
    await fire('onAdded', true);
    expect(browser.tabs.onUpdated.fns.size).toBe(1);
    const [listener] = browser.tabs.onUpdated.fns;
    listener(5, {status: 'complete'}, PAGE);
    await vi.waitFor(() => expect(scanTab).toHaveBeenCalledWith(5));
    await fire('onRemoved', false);
    expect(browser.tabs.onUpdated.fns.size).toBe(0);
  });

  it('keeps exactly one listener when the permission is already granted at start', async () => {
    const {browser, fire} = fakeBrowser(true);
    await watchAllSites(browser, vi.fn());
    await fire('onAdded', true);
    expect(browser.tabs.onUpdated.fns.size).toBe(1);
  });
});
