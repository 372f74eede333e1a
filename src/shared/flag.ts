/** A flagged image as it crosses messages and storage: plain JSON, no typed arrays. */
import type {PhotoMeta} from '../core/photo-set.js';

/** Where on the page the image sits: finders tell covers and avatars apart. */
export type Slot = 'cover' | 'avatar' | 'other';
export const SLOTS: readonly Slot[] = ['cover', 'avatar', 'other'];

export interface Flag {
  /** The image's own URL (as fetched by the background). */
  imageUrl: string;
  /** The page it was found on. */
  pageUrl: string;
  slot: Slot;
  /** The stock photo it matches (meta.id is unique across indexes). */
  meta: PhotoMeta;
  /** Matcher confidence 0..1. */
  score: number;
  /** The page image's rectangle in the stock photo's pixels: [x, y, w, h]. */
  region: [number, number, number, number];
}

/** A message lookup: the extension's i18n.getMessage, or a stand-in in tests. */
export type T = (key: string, subs?: string[]) => string;

/**
 * A page marker's text, e.g. "Stock photo · Unsplash · 2.1M downloads". Made by the background and
 * sent with the check's answer: the page's first i18n.getMessage and Intl.NumberFormat cost its
 * main thread ~4 ms (bench:extension trace), and the page needs no other message while it scans.
 * `locale` formats the number: the page's language, which a service worker's default need not be.
 */
export function markerLabel(flag: Flag, t: T, locale?: string): string {
  const parts = [t('stockPhoto')];
  if (flag.meta.library) parts.push(flag.meta.library);
  if (flag.meta.downloads) parts.push(t('downloadsCount', [compactNumber(flag.meta.downloads, locale)]));
  return parts.join(' · ');
}

/** Compact counts for labels: 2100000 -> "2.1M" (the locale formats the digits). */
export function compactNumber(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale, {notation: 'compact', maximumFractionDigits: 1}).format(n);
}
