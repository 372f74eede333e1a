/** Pure rules for the list of indexes: records, enable/remove, when a subscription is due, update outcomes. */

/** The bundled index's record id: always listed, can be disabled, never removed. */
export const DEFAULT_INDEX_ID = 'default';

export type IndexSourceKind = 'bundled' | 'file' | 'url';

/** One index as the background stores it (IndexedDB `records`). */
export interface IndexRecord {
  id: string;
  /** File name or URL's last path part; shown in the list. */
  name: string;
  source: IndexSourceKind;
  enabled: boolean;
  /** Subscriptions: the HTTPS URL polled for updates. */
  url?: string;
  /** Subscriptions: SHA-256 (lowercase hex) every download must have, when the user gave one. */
  sha256?: string;
  /** Subscriptions: days between update checks. */
  updateDays?: number;
  /** Key of the bytes in use in IndexedDB `bytes` (none for the bundled index). */
  bytesKey?: string;
  photos: number;
  /** Bytes of the index file in use. */
  size: number;
  /** Epoch ms: when the bytes in use were stored (imported or downloaded). */
  updatedAt?: number;
  /** Subscriptions: validators of the bytes in use, sent back as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** Subscriptions: last update attempt, whatever its outcome. */
  lastCheckedAt?: number;
  /** Why the last update failed (the previous index stays in use); cleared by a good update or a 304. */
  updateError?: string;
}

export const UPDATE_DAY_CHOICES = [1, 7, 30] as const;
export const DEFAULT_UPDATE_DAYS = 7;
/** A failed update is retried sooner than the period, but not on every hourly alarm. */
export const RETRY_AFTER_FAILURE_MS = 6 * 3_600_000;
const DAY_MS = 86_400_000;

export function defaultRecord(): IndexRecord {
  return {id: DEFAULT_INDEX_ID, name: 'default-index.cliche', source: 'bundled', enabled: true, photos: 0, size: 0};
}

/** The stored records with the bundled one first (created enabled when storage has none). */
export function withDefault(records: IndexRecord[]): IndexRecord[] {
  const def = records.find((r) => r.id === DEFAULT_INDEX_ID) ?? defaultRecord();
  return [def, ...records.filter((r) => r.id !== DEFAULT_INDEX_ID)];
}

export const normalizeUpdateDays = (days: unknown): number =>
  typeof days === 'number' && Number.isFinite(days) ? Math.min(365, Math.max(1, Math.round(days))) : DEFAULT_UPDATE_DAYS;

/** Subscriptions take HTTPS only: an index decides what gets flagged, so it must not be swapped in transit. */
export function parseSubscriptionUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error('not a URL');
  }
  if (url.protocol !== 'https:') throw new Error('only https:// addresses can be subscribed to');
  if (url.username || url.password) throw new Error('the address must not contain a user name or password');
  url.hash = '';
  return url;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Empty -> undefined; otherwise 64 hex digits (spaces and case ignored) or an error. */
export function parseSha256(raw: string | undefined): string | undefined {
  const s = (raw ?? '').replace(/\s+/g, '').toLowerCase();
  if (!s) return undefined;
  if (!SHA256_HEX.test(s)) throw new Error('the SHA-256 must be 64 hexadecimal digits');
  return s;
}

/** Host permission pattern a subscription needs (the options page requests it as the user subscribes). */
export const originPattern = (url: string) => `${new URL(url).origin}/*`;

/** The name shown for a subscription: the file part of its URL. */
export const nameOfUrl = (url: URL) => decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? url.host) || url.host;

/** Whether a subscription should be checked now (hourly alarm; period per subscription). Disabled ones wait ("Update now" still works). */
export function isDue(r: IndexRecord, now: number): boolean {
  if (r.source !== 'url' || !r.enabled) return false;
  if (r.lastCheckedAt === undefined) return true;
  const wait = r.updateError ? Math.min(RETRY_AFTER_FAILURE_MS, normalizeUpdateDays(r.updateDays) * DAY_MS) : normalizeUpdateDays(r.updateDays) * DAY_MS;
  return now - r.lastCheckedAt >= wait;
}

/** Conditional request headers from the validators of the bytes in use. */
export function conditionalHeaders(r: IndexRecord): Record<string, string> {
  const h: Record<string, string> = {};
  if (r.etag) h['If-None-Match'] = r.etag;
  if (r.lastModified) h['If-Modified-Since'] = r.lastModified;
  return h;
}

/** What an update attempt found. */
export type UpdateOutcome =
  | {kind: 'not-modified'}
  | {kind: 'failed'; error: string}
  | {kind: 'updated'; bytesKey: string; photos: number; size: number; etag?: string; lastModified?: string};

/**
 * The record after an update attempt. Only a verified download moves the validators: a corrupt
 * 200 must not store its ETag, or the server would answer 304 to the broken version forever.
 */
export function applyOutcome(r: IndexRecord, outcome: UpdateOutcome, now: number): IndexRecord {
  const next: IndexRecord = {...r, lastCheckedAt: now};
  switch (outcome.kind) {
    case 'not-modified':
      delete next.updateError;
      return next;
    case 'failed':
      return {...next, updateError: outcome.error};
    case 'updated': {
      const {bytesKey, photos, size, etag, lastModified} = outcome;
      const updated: IndexRecord = {...next, bytesKey, photos, size, updatedAt: now, etag, lastModified};
      delete updated.updateError;
      if (!etag) delete updated.etag;
      if (!lastModified) delete updated.lastModified;
      return updated;
    }
  }
}

export function setEnabled(records: IndexRecord[], id: string, enabled: boolean): IndexRecord[] {
  if (!records.some((r) => r.id === id)) throw new Error('no such index');
  return records.map((r) => (r.id === id ? {...r, enabled} : r));
}

/** The list without `id`; the bundled index cannot be removed (disable it instead). */
export function removeRecord(records: IndexRecord[], id: string): IndexRecord[] {
  if (id === DEFAULT_INDEX_ID) throw new Error('the default index cannot be removed; disable it instead');
  if (!records.some((r) => r.id === id)) throw new Error('no such index');
  return records.filter((r) => r.id !== id);
}

/** A subscription to a URL already in the list is refused rather than fetched twice. */
export function assertNewSubscription(records: IndexRecord[], url: string): void {
  if (records.some((r) => r.url === url)) throw new Error('already subscribed to this address');
}

/** Signature of what the combined matcher is built from: it changes exactly when a rebuild is needed. */
export const enabledSignature = (records: IndexRecord[]) =>
  records.filter((r) => r.enabled).map((r) => `${r.id}:${r.bytesKey ?? ''}`).join('|');
