/** The index manager on the real browser: IndexedDB, the bundled file, fetch with host permissions, the update alarm. */
import {Matcher} from '../core/matcher.js';
import type {PhotoSet} from '../core/photo-set.js';
import type {Browser} from '../shared/browser.js';
import {indexedDbRepo, newBytesKey} from '../shared/index-db.js';
import {originPattern} from '../shared/index-registry.js';
import {createIndexManager, type IndexManager} from './index-manager.js';
import {loadBundled, type InMemory} from './index-store.js';
import {fetchIndexUpdate} from './index-update.js';
import {openIndexFile} from './index-open.js';
import {indexedDbOpenedCache} from './opened-cache.js';
import {verifyIndex, yieldToEvents} from './index-verify.js';
import {timedSlices} from './step-timing.js';
import type {WorkGate} from './work-gate.js';

export const UPDATE_ALARM = 'cliche-index-updates';
/** Hourly is enough to honour daily/weekly periods within an hour, and wakes the worker rarely. */
const ALARM_PERIOD_MINUTES = 60;

/** `gate`: index preparation gives way to the messages it holds, once a matcher answers them. */
export function createBrowserIndexes(browser: Browser, gate?: WorkGate): IndexManager {
  // Before the first matcher is ready every check waits for this work: then it must not give way.
  const pause = gate ? () => gate.pause(() => manager.ready()) : yieldToEvents;
  const verify = (bytes: ArrayBuffer, sha256?: string) => verifyIndex(bytes, {sha256, pause});
  const opened = indexedDbOpenedCache();
  const open = (file: ArrayBuffer | Blob, sha256?: string, stored?: boolean) => openIndexFile(file, {verify, pause, opened}, sha256, stored);
  const bundled = () => loadBundled((p) => browser.runtime.getURL(p), fetch, pause);
  // Started now, while the index list is read from IndexedDB (the store reads it before loading
  // anything; 0.15-2.8 s at a browser start on the busy 2-core machine): the first page after a
  // browser start waits for this load, and usually the bundled index is all that is enabled.
  // Taken by the first load and the first build of that same set.
  let early: Promise<InMemory> | null = bundled();
  let earlyMatcher: {set: PhotoSet; matcher: Promise<Matcher>} | null = null;
  let speculate = true;
  early.then((l) => {
    if (!speculate) return;
    const matcher = timedSlices('matcher-build bundled', pause, (p) => Matcher.build(l.set, p));
    matcher.catch(() => undefined);
    earlyMatcher = {set: l.set, matcher};
  }, () => undefined);
  const manager: IndexManager = createIndexManager({
    repo: indexedDbRepo(),
    pause,
    loadBundled() {
      const loaded = early ?? bundled();
      early = null;
      return loaded;
    },
    prepared(set) {
      const m = earlyMatcher?.set === set ? earlyMatcher.matcher : undefined;
      earlyMatcher = null;
      return m;
    },
    verify,
    open,
    fetchUpdate: (r) => fetchIndexUpdate(r, {
      fetch: (...a) => fetch(...a),
      mayFetch: (url) => browser.permissions.contains({origins: [originPattern(url)]}),
      open,
    }),
    newKey: newBytesKey,
    newId: () => crypto.randomUUID(),
    now: Date.now,
  });
  // Once the list is known: the early build is wasted work unless the bundled index is all that is
  // enabled (a worker start with a 50 MB index too spent 0.4 s on it), and nothing is kept for a
  // bundled index that is disabled.
  void manager.records().then((rs) => {
    const enabled = rs.filter((r) => r.enabled);
    speculate = enabled.length === 1 && enabled[0].source === 'bundled';
    if (!speculate) earlyMatcher = null;
    if (!enabled.some((r) => r.source === 'bundled')) early = null;
  }, () => undefined);
  return manager;
}

/** Adds the alarm listener (call at top level, so a worker woken by the alarm sees it) and creates the alarm once. */
export function scheduleIndexUpdates(browser: Browser, indexes: IndexManager): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === UPDATE_ALARM) void indexes.updateDue().catch(() => undefined);
  });
  // Re-creating an existing alarm would restart its period on every worker start.
  void browser.alarms.get(UPDATE_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(UPDATE_ALARM, {delayInMinutes: 1, periodInMinutes: ALARM_PERIOD_MINUTES});
  });
  void indexes.sweep().catch(() => undefined);
}
