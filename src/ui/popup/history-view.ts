/** What the history section lists while only the stored head is read, and once the whole history is. */
import {searchHistory} from '../../shared/history.js';
import type {HistoryEntry, HistoryHead} from '../../shared/storage-schema.js';

/**
 * The entries to list. Before the whole history is read only the head's newest entries can be
 * shown; a search or filter then lists nothing yet rather than a result that misses most entries.
 */
export function listed(head: HistoryHead | null, history: HistoryEntry[] | null, query: string, library: string): HistoryEntry[] {
  const filtering = query.trim() !== '' || library !== '';
  // No search: the whole history, as stored (newest first), without building search text for each entry.
  if (history) return filtering ? searchHistory(history, query, library) : history;
  return filtering ? [] : head?.entries ?? [];
}

/** Pages per stock photo: over the whole history once read, for the head's photos before. */
export function seenOf(head: HistoryHead | null, history: HistoryEntry[] | null, pagesSeen: (h: HistoryEntry[]) => Map<string, number>): Map<string, number> {
  if (history) return pagesSeen(history);
  return new Map(Object.entries(head?.seen ?? {}));
}

/**
 * Runs `fn` once the frame showing what was just rendered is painted: reading the whole history
 * (deserialising ~450 KB of objects on this thread) must not hold up the first screen. The timer
 * covers a page that gets no animation frames (hidden).
 */
export function afterPaint(fn: () => void, fallbackMs = 250): void {
  let done = false;
  const once = () => { if (!done) { done = true; fn(); } };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, fallbackMs);
}
