import {describe, expect, it, vi} from 'vitest';
import {ALL_SITES, createAllSites} from './all-sites.js';

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
