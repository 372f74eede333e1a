/** Pure history rules: dedup per stock photo + page, retention, search, overuse counts. */
import type {Flag} from './flag.js';
import {HEAD_ENTRIES, MAX_HISTORY, type HistoryEntry, type HistoryHead} from './storage-schema.js';

const DAY_MS = 86_400_000;

/** The page part that identifies it: fragments never change which page a cover belongs to. */
export function pageKey(pageUrl: string): string {
  try {
    const u = new URL(pageUrl);
    u.hash = '';
    return u.href;
  } catch {
    return pageUrl;
  }
}

export const entryKey = (photoId: string, pageUrl: string) => `${photoId} ${pageKey(pageUrl)}`;

/**
 * Adds or refreshes the entry for flag's photo on flag's page; newest first. `visit` names one
 * visit of the page: a check retried in the same visit (the worker was stopped before it
 * answered) refreshes the entry without counting a second sighting, so recording is idempotent.
 */
export function recordFlag(history: HistoryEntry[], flag: Flag, now: number, visit?: string): HistoryEntry[] {
  const key = entryKey(flag.meta.id, flag.pageUrl);
  const old = history.find((e) => e.key === key);
  const sameVisit = visit !== undefined && old?.lastVisit === visit;
  const entry: HistoryEntry = {
    key,
    meta: flag.meta,
    score: Math.max(flag.score, old?.score ?? 0),
    imageUrl: flag.imageUrl,
    pageUrl: pageKey(flag.pageUrl),
    slot: flag.slot,
    firstSeen: old?.firstSeen ?? now,
    lastSeen: now,
    timesSeen: (old?.timesSeen ?? 0) + (sameVisit ? 0 : 1),
    ...(visit !== undefined ? {lastVisit: visit} : {}),
  };
  return [entry, ...history.filter((e) => e.key !== key)];
}

/** Drops entries not seen within the retention period, then the oldest beyond MAX_HISTORY. */
export function prune(history: HistoryEntry[], now: number, retentionDays: number, max = MAX_HISTORY): HistoryEntry[] {
  const cutoff = now - retentionDays * DAY_MS;
  return history
    .filter((e) => e.lastSeen >= cutoff)
    .sort((a, b) => b.lastSeen - a.lastSeen)
    .slice(0, max);
}

/** Keeps the newest `keep` entries: what is dropped when storage is full (oldest first). */
export function dropOldest(history: HistoryEntry[], keep: number): HistoryEntry[] {
  return [...history].sort((a, b) => b.lastSeen - a.lastSeen).slice(0, Math.max(0, keep));
}

/** On how many different pages each stock photo was seen: the user's own overuse figure. */
export function pagesSeen(history: HistoryEntry[]): Map<string, number> {
  const pages = new Map<string, Set<string>>();
  for (const e of history) {
    let s = pages.get(e.meta.id);
    if (!s) pages.set(e.meta.id, (s = new Set()));
    s.add(e.pageUrl);
  }
  return new Map([...pages].map(([id, s]) => [id, s.size]));
}

/** Case-insensitive search over what a user remembers: page, photographer, library, id, title. */
export function searchHistory(history: HistoryEntry[], query: string, library = ''): HistoryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return history.filter((e) => {
    if (library && (e.meta.library ?? '') !== library) return false;
    const hay = [e.pageUrl, e.meta.id, e.meta.library, e.meta.photographer, e.meta.title].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function librariesIn(history: HistoryEntry[]): string[] {
  return [...new Set(history.map((e) => e.meta.library).filter((l): l is string => !!l))].sort();
}

/** The popup's first screen of `history` (stored beside it): its newest entries, count and their page counts. */
export function historyHead(history: HistoryEntry[], size = HEAD_ENTRIES): HistoryHead {
  const entries = history.slice(0, size);
  const pages = pagesSeen(history);
  return {count: history.length, entries, seen: Object.fromEntries(entries.map((e) => [e.meta.id, pages.get(e.meta.id) ?? 1]))};
}
