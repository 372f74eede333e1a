/** History as CSV (spreadsheets, audits) and JSON (tools). */
import {pagesSeen} from './history.js';
import type {HistoryEntry} from './storage-schema.js';

export const CSV_COLUMNS = [
  'page_url', 'image_url', 'slot', 'library', 'photo_id', 'title', 'photographer', 'photo_page', 'licence',
  'confidence', 'downloads', 'views', 'pages_seen', 'first_seen', 'last_seen', 'times_seen',
] as const;

/**
 * RFC 4180 quoting, plus a leading apostrophe on cells a spreadsheet would run as a formula:
 * page titles and URLs are attacker-controlled (CSV injection).
 */
export function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function historyToCsv(history: HistoryEntry[]): string {
  const seen = pagesSeen(history);
  const rows = history.map((e) => [
    e.pageUrl, e.imageUrl, e.slot, e.meta.library, e.meta.id, e.meta.title, e.meta.photographer, e.meta.pageUrl,
    e.meta.licence, e.score.toFixed(3), e.meta.downloads, e.meta.views, seen.get(e.meta.id),
    new Date(e.firstSeen).toISOString(), new Date(e.lastSeen).toISOString(), e.timesSeen,
  ]);
  return [CSV_COLUMNS as readonly unknown[], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function historyToJson(history: HistoryEntry[]): string {
  const seen = pagesSeen(history);
  return JSON.stringify({
    format: 'cliche-history',
    version: 1,
    entries: history.map((e) => ({...e, pagesSeen: seen.get(e.meta.id) ?? 1})),
  }, null, 2);
}
