/** What storage.local holds, its defaults, and the migration that reads any older or damaged shape. */
import type {PhotoMeta} from '../core/photo-set.js';
import {DEFAULT_THRESHOLD} from '../core/threshold.js';
import type {Slot} from './flag.js';
import {SITE_IDS, type SiteId} from './sites.js';

export const SCHEMA_VERSION = 1;

export interface Settings {
  /** Confidence a match needs to be flagged, 0..1. */
  threshold: number;
  /** Scan automatically on each supported site. */
  autoScan: Record<SiteId, boolean>;
  /** History entries not seen again for this many days are dropped. */
  retentionDays: number;
}

/** One stock photo seen on one page (the dedup key). */
export interface HistoryEntry {
  /** `${meta.id} ${pageUrl}`: unique per stock photo and page. */
  key: string;
  meta: PhotoMeta;
  score: number;
  imageUrl: string;
  pageUrl: string;
  slot: Slot;
  /** Epoch milliseconds. */
  firstSeen: number;
  lastSeen: number;
  timesSeen: number;
  /** The page visit that last recorded it (a random id per page load): retries in it do not count again. */
  lastVisit?: string;
}

/** Why history was lost without the user asking: shown once in the popup until dismissed. */
export interface HistoryNotice {
  /** Storage was full: this many of the oldest entries were dropped to make room. */
  pruned: number;
  /** Epoch milliseconds of the last pruning. */
  at: number;
}

/** storage.local key of the HistoryNotice, written in the same set() as the pruned history. */
export const NOTICE_KEY = 'historyNotice';

export function parseNotice(raw: unknown): HistoryNotice | null {
  const n = raw as HistoryNotice;
  return typeof n === 'object' && n !== null && Number.isInteger(n.pruned) && n.pruned > 0 && Number.isFinite(n.at) ? {pruned: n.pruned, at: n.at} : null;
}

/**
 * The popup's first screen, kept beside the history: reading the whole history (~450 KB of objects
 * at 1,000 entries) took 272-556 ms under load, most of the popup's wait (bench:extension), while
 * this key is a few KB. Written by the history store in the same set() as the history, so the two
 * never disagree; the popup reads the history itself after its first paint.
 */
export interface HistoryHead {
  /** Entries in the whole history: the count the popup's heading shows. */
  count: number;
  /** The newest HEAD_ENTRIES entries, newest first, as in the history. */
  entries: HistoryEntry[];
  /** Pages per stock photo over the whole history, for the photos in `entries` (their overuse score). */
  seen: Record<string, number>;
}

/** storage.local key of the HistoryHead. */
export const HEAD_KEY = 'historyHead';
/** The rows the popup draws first (its 600 px show ~4 rows of ~150 px). */
export const HEAD_ENTRIES = 8;

/** The head as stored, or null when missing or damaged (the popup then waits for the whole history). */
export function parseHead(raw: unknown): HistoryHead | null {
  const h = raw as HistoryHead;
  if (typeof h !== 'object' || h === null || !Number.isInteger(h.count) || h.count < 0 || !Array.isArray(h.entries)) return null;
  if (typeof h.seen !== 'object' || h.seen === null) return null;
  const entries = h.entries.filter(isEntry);
  if (entries.length !== h.entries.length || entries.length > h.count) return null;
  const seen = Object.fromEntries(Object.entries(h.seen).filter(([, n]) => Number.isInteger(n) && n > 0));
  return {count: h.count, entries, seen};
}

export interface StoredState {
  schemaVersion: number;
  settings: Settings;
  history: HistoryEntry[];
}

export const RETENTION_CHOICES = [7, 30, 90, 365] as const;
export const DEFAULT_RETENTION_DAYS = 90;
/**
 * Hard cap whatever the retention: storage.local quotas are ~10 MB (Chrome) and an entry with its
 * metadata is ~0.6 KB, so 5,000 entries stay far below it and keep the popup fast.
 */
export const MAX_HISTORY = 5000;

export function defaultSettings(): Settings {
  return {
    threshold: DEFAULT_THRESHOLD,
    autoScan: Object.fromEntries(SITE_IDS.map((id) => [id, true])) as Record<SiteId, boolean>,
    retentionDays: DEFAULT_RETENTION_DAYS,
  };
}

const clamp = (v: unknown, lo: number, hi: number, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;

/** Settings from anything (stored data of an older version, a message): unknown fields dropped. */
export function normalizeSettings(raw: unknown, base: Settings = defaultSettings()): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const auto = (typeof r.autoScan === 'object' && r.autoScan !== null ? r.autoScan : {}) as Record<string, unknown>;
  return {
    threshold: clamp(r.threshold, 0.05, 0.99, base.threshold),
    autoScan: Object.fromEntries(SITE_IDS.map((id) => [id, typeof auto[id] === 'boolean' ? auto[id] : base.autoScan[id]])) as Record<SiteId, boolean>,
    retentionDays: Math.round(clamp(r.retentionDays, 1, 3650, base.retentionDays)),
  };
}

function isEntry(e: unknown): e is HistoryEntry {
  const x = e as HistoryEntry;
  return typeof x === 'object' && x !== null && typeof x.key === 'string' && typeof x.meta?.id === 'string'
    && typeof x.pageUrl === 'string' && typeof x.imageUrl === 'string' && Number.isFinite(x.lastSeen);
}

/** Reads whatever storage holds; entries that do not parse are dropped rather than crash the UI. */
export function migrate(raw: Record<string, unknown>): StoredState {
  const history = Array.isArray(raw.history) ? raw.history.filter(isEntry) : [];
  return {schemaVersion: SCHEMA_VERSION, settings: normalizeSettings(raw.settings), history};
}
