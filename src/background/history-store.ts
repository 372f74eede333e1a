/** History and settings in storage.local: every change is read-modify-write behind one lock. */
import type {Flag} from '../shared/flag.js';
import {prune, recordFlag} from '../shared/history.js';
import {migrate, normalizeSettings, SCHEMA_VERSION, type HistoryEntry, type Settings, type StoredState} from '../shared/storage-schema.js';

/** The storage.local subset used (a Map-backed fake in tests). */
export interface StorageArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export function createHistoryStore(area: StorageArea, now: () => number = Date.now) {
  // Serializes writes: two images flagged at once must not drop each other's entry.
  let lock: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<StoredState> => migrate(await area.get(['schemaVersion', 'settings', 'history']));

  function update<T>(change: (s: StoredState) => {state: StoredState; value: T}): Promise<T> {
    const next = lock.then(async () => {
      const {state, value} = change(await read());
      await area.set({schemaVersion: SCHEMA_VERSION, settings: state.settings, history: state.history});
      return value;
    });
    lock = next.catch(() => undefined);
    return next;
  }

  const withHistory = (s: StoredState, history: HistoryEntry[]) => {
    const state = {...s, history: prune(history, now(), s.settings.retentionDays)};
    return {state, value: state.history};
  };

  return {
    history: async () => (await read()).history,
    settings: async () => (await read()).settings,
    record: (flag: Flag) => update((s) => withHistory(s, recordFlag(s.history, flag, now()))),
    remove: (key: string) => update((s) => withHistory(s, s.history.filter((e) => e.key !== key))),
    clear: () => update((s) => withHistory(s, [])),
    setSettings: (patch: Partial<Settings>) =>
      update((s) => {
        const settings = normalizeSettings({...s.settings, ...patch, autoScan: {...s.settings.autoScan, ...patch.autoScan}}, s.settings);
        const state = {...s, settings, history: prune(s.history, now(), settings.retentionDays)};
        return {state, value: settings};
      }),
  };
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
