/** Background entry (Chrome service worker / Firefox event page): wires services to browser events. */
import {markerLabel} from '../shared/flag.js';
import contentScript from '../content/main.ts?script';
import {browser} from '../shared/browser.js';
import {callContent} from '../shared/messaging.js';
import {watchAllSites} from './all-sites.js';
import {createCheckCache} from './check-cache.js';
import {createChecker} from './check-image.js';
import {createCpuTurns} from './cpu-turns.js';
import {MENU_CONTEXTS, MENU_ID, onMenuClick, type PageChannel} from './context-menu.js';
import {fetchImage} from './fetch-image.js';
import {createHandlers, type Services} from './handlers.js';
import {createHistoryStore} from './history-store.js';
import {decodeImage} from './image-decode.js';
import {createBrowserIndexes, scheduleIndexUpdates} from './index-setup.js';
import {createRouter} from './router.js';
import {createTabState} from './tab-state.js';
import {createWorkGate} from './work-gate.js';

const store = createHistoryStore(browser.storage.local);
// Checks and popup messages go first; index preparation runs in the gaps (work-gate.ts).
const gate = createWorkGate();
const indexes = createBrowserIndexes(browser, gate);
const tabs = createTabState({
  setBadge: (tabId, text) => browser.action.setBadgeText({tabId, text}),
  session: browser.storage.session,
});

const sendTo = (tabId: number, frameId = 0) => (m: unknown) => browser.tabs.sendMessage(tabId, m, {frameId});

/** Our content script in that frame, injecting it first where the manifest did not (activeTab). */
async function ensureContent(tabId: number, frameId = 0): Promise<void> {
  const alive = await callContent(sendTo(tabId, frameId), 'contextTarget', {}).then(() => true, () => false);
  if (!alive) await browser.scripting.executeScript({target: {tabId, frameIds: [frameId]}, files: [contentScript]});
}

// Decoding and matching one image at a time, covers first (shared by the checker and the handlers).
const turns = createCpuTurns();
const checkImage = createChecker({
  fetchImage: (url) => fetchImage(url),
  decode: (blob) => decodeImage(blob),
  search: () => indexes.search(),
  threshold: async () => (await store.settings()).threshold,
}, turns);
// Each image URL fingerprinted once per browser session, across worker restarts.
const checks = createCheckCache({
  check: (url, pageUrl, slot) => checkImage(url, pageUrl, slot),
  version: async () => {
    const [settings, search] = await Promise.all([store.settings(), indexes.search()]);
    return `${settings.threshold} ${search.identity}`;
  },
  session: browser.storage.session,
  // Until the indexes are loaded, images are downloaded meanwhile (the first page after a start).
  ready: () => indexes.ready(),
  prefetch: (url) => checkImage.prefetch(url),
});

const services: Services = {
  check: checks.check,
  tabs,
  store,
  indexes,
  holdOthers: (coverCheck) => turns.holdOthers(coverCheck),
  // Numbers in the worker's navigator.language: Chromium on Linux started in French gave the
  // worker French messages but 'en-US' from i18n.getUILanguage() and as Intl's default (e2e).
  label: (flag) => markerLabel(flag, (key, subs) => browser.i18n.getMessage(key, subs) || key, navigator.language),
  async scanTab(tabId) {
    await ensureContent(tabId);
    await callContent(sendTo(tabId), 'scanNow', {});
  },
};

const page: PageChannel = {
  async contextTarget(tabId, frameId) {
    await ensureContent(tabId, frameId);
    return (await callContent(sendTo(tabId, frameId), 'contextTarget', {})).url;
  },
  async showCheck(tabId, frameId, url, result) {
    await ensureContent(tabId, frameId);
    await callContent(sendTo(tabId, frameId), 'showCheck', {url, result});
  },
};

// Listeners are added synchronously at top level: a restarted worker must see the waking event.
const route = createRouter(createHandlers(services), {extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('')});
browser.runtime.onMessage.addListener(((message: unknown, sender: Parameters<typeof route>[1]) => gate.hold(message, route(message, sender))) as never);
browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab, services, page));
browser.commands.onCommand.addListener(async (command) => {
  if (command !== 'scan-page') return;
  const [tab] = await browser.tabs.query({active: true, currentWindow: true});
  if (tab?.id !== undefined) await services.scanTab(tab.id).catch(() => undefined);
});
browser.tabs.onRemoved.addListener((tabId) => void tabs.remove(tabId));
void watchAllSites(browser, (tabId) => services.scanTab(tabId));
scheduleIndexUpdates(browser, indexes);
// Load the index as the worker starts rather than on the first check: the first page after a
// browser start waited for the fetch and decode (bench:extension, machine under load: 1,055 ms to
// the marker vs 110 ms warm; after this change, idle machine: 744 ms vs 126 ms).
void indexes.search().catch(() => undefined);
// Set on every start: a global badge colour is not guaranteed to outlive a browser restart.
void browser.action.setBadgeBackgroundColor({color: '#c2410c'});
browser.runtime.onInstalled.addListener(() => {
  void store.rewrite().catch(() => undefined);
  void browser.contextMenus.removeAll().then(() =>
    browser.contextMenus.create({id: MENU_ID, title: browser.i18n.getMessage('menuCheckImage'), contexts: [...MENU_CONTEXTS]}),
  );
});

/**
 * Seam for the end-to-end tests and the demo: the real menu handler, as a click would run it (menus
 * are native UI), and a tab's results as the popup gets them.
 */
(globalThis as Record<string, unknown>).clicheTest = {
  menuClick: (info: Parameters<typeof onMenuClick>[0], tab: Parameters<typeof onMenuClick>[1]) => onMenuClick(info, tab, services, page),
  tabResults: (tabId: number) => tabs.get(tabId),
  checkStats: () => checks.stats,
};
