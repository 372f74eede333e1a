/** History and settings in storage.local: every change is read-modify-write behind one lock. */
import type {Flag} from '../shared/flag.js';
import {dropOldest, historyHead, prune, recordFlag} from '../shared/history.js';
import {
  HEAD_KEY, migrate, normalizeSettings, NOTICE_KEY, parseNotice, SCHEMA_VERSION,
  type HistoryEntry, type HistoryNotice, type Settings, type StoredState,
} from '../shared/storage-schema.js';

/** The storage.local subset used (a Map-backed fake in tests). */
export interface StorageArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Storage full: Chrome rejects with "QUOTA_BYTES quota exceeded" (or QUOTA_BYTES_PER_ITEM), Firefox
 * with a DOMException named QuotaExceededError.
 */
export function isQuotaError(err: unknown): boolean {
  const e = err as {name?: unknown; message?: unknown} | null;
  return !!e && (e.name === 'QuotaExceededError' || (typeof e.message === 'string' && /QUOTA_BYTES|quota/i.test(e.message)));
}

/**
 * Each full-storage retry keeps this share of the history (newest first): 8 rounds take 5,000
 * entries down to 20 before giving up, so a quota error never silently empties the history.
 */
const KEEP_ON_QUOTA = 0.5;
const QUOTA_ROUNDS = 8;

export function createHistoryStore(area: StorageArea, now: () => number = Date.now) {
  // Serializes writes: two images flagged at once must not drop each other's entry.
  let lock: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<StoredState> => migrate(await area.get(['schemaVersion', 'settings', 'history']));

  /**
   * One set() holds the whole new state, the popup's head of it and the notice when pruned, so a
   * worker stopped at any moment leaves either the old state or the new one, never half of it, and
   * the head always matches the history it was made from.
   */
  async function write(state: StoredState): Promise<StoredState> {
    let history = state.history;
    for (let round = 0; ; round++) {
      const pruned = state.history.length - history.length;
      const items: Record<string, unknown> = {schemaVersion: SCHEMA_VERSION, settings: state.settings, history, [HEAD_KEY]: historyHead(history)};
      if (pruned > 0) {
        const old = parseNotice((await area.get([NOTICE_KEY]))[NOTICE_KEY]);
        items[NOTICE_KEY] = {pruned: pruned + (old?.pruned ?? 0), at: now()} satisfies HistoryNotice;
      }
      try {
        await area.set(items);
        return {...state, history};
      } catch (err) {
        if (!isQuotaError(err) || history.length <= 1 || round >= QUOTA_ROUNDS) throw err;
        history = dropOldest(history, Math.floor(history.length * KEEP_ON_QUOTA));
      }
    }
  }

  function update<T>(change: (s: StoredState) => StoredState, value: (s: StoredState) => T): Promise<T> {
    const next = lock.then(async () => value(await write(change(await read()))));
    lock = next.catch(() => undefined);
    return next;
  }

  const withHistory = (s: StoredState, history: HistoryEntry[]): StoredState => ({...s, history: prune(history, now(), s.settings.retentionDays)});
  const historyOf = (s: StoredState) => s.history;

  return {
    history: async () => (await read()).history,
    /**
     * Without the history: every check asks for the threshold, and reading ~450 KB of history (1,000
     * entries) for it held up the popup's own storage reads while it scanned (bench:extension).
     */
    settings: async () => migrate(await area.get(['schemaVersion', 'settings'])).settings,
    /** `visit` makes a retried check of the same page visit refresh its entry, not count twice. */
    record: (flag: Flag, visit?: string) => update((s) => withHistory(s, recordFlag(s.history, flag, now(), visit)), historyOf),
    remove: (key: string) => update((s) => withHistory(s, s.history.filter((e) => e.key !== key)), historyOf),
    clear: () => update((s) => withHistory(s, []), historyOf),
    /**
     * Writes the stored state back as it is, with its head: a history saved by a version without
     * the head would otherwise open the popup the slow way until its next change. Run on install
     * and update.
     */
    rewrite: () => update((s) => s, historyOf),
    setSettings: (patch: Partial<Settings>) =>
      update((s) => {
        const settings = normalizeSettings({...s.settings, ...patch, autoScan: {...s.settings.autoScan, ...patch.autoScan}}, s.settings);
        return {...s, settings, history: prune(s.history, now(), settings.retentionDays)};
      }, (s) => s.settings),
    /** Set when full storage forced old entries out; null otherwise. */
    notice: async (): Promise<HistoryNotice | null> => parseNotice((await area.get([NOTICE_KEY]))[NOTICE_KEY]),
    dismissNotice: async (): Promise<null> => {
      await area.set({[NOTICE_KEY]: null});
      return null;
    },
  };
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
