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

/** Compact counts for labels: 2100000 -> "2.1M" (the locale formats the digits). */
export function compactNumber(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale, {notation: 'compact', maximumFractionDigits: 1}).format(n);
}
