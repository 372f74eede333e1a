/**
 * The overuse score shown with a match: 0-100 from the library's own popularity figures (when the
 * index has them) and from how many distinct pages this user has seen the photo on. Documented in
 * README, "Browser extension" -> "Overuse score"; the popup and the history show it.
 */
import type {PhotoMeta} from '../core/photo-set.js';

export type OveruseLabel = 'heavy' | 'over' | 'moderate' | 'low';

export interface Overuse {
  /** 0..100, rounded. */
  score: number;
  label: OveruseLabel;
  /** The two parts, each 0..1; `library` is null when the index has neither downloads nor views. */
  library: number | null;
  local: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Library popularity on a log scale, 0 at 1,000 downloads and 1 at 10 million (views: 10,000 and
 * 100 million, since stock libraries count about ten views per download); the larger of the two.
 */
export function libraryPart(meta: Pick<PhotoMeta, 'downloads' | 'views'>): number | null {
  const parts: number[] = [];
  if (meta.downloads !== undefined && meta.downloads >= 0) parts.push(clamp01((Math.log10(Math.max(1, meta.downloads)) - 3) / 4));
  if (meta.views !== undefined && meta.views >= 0) parts.push(clamp01((Math.log10(Math.max(1, meta.views)) - 4) / 4));
  return parts.length ? Math.max(...parts) : null;
}

/** Local sightings on a log2 scale: 1 page 0, 2 pages 0.25, 4 pages 0.5, 8 pages 0.75, 16 or more 1. */
export const localPart = (pages: number) => clamp01(Math.log2(Math.max(1, pages)) / 4);

/** Labels by score: 75+ heavily overused, 50+ overused, 25+ moderately used, else rarely used. */
export function overuseLabel(score: number): OveruseLabel {
  if (score >= 75) return 'heavy';
  if (score >= 50) return 'over';
  if (score >= 25) return 'moderate';
  return 'low';
}

/**
 * score = 100 x (1 - (1 - library) x (1 - local)): either signal alone can make a photo "heavily
 * overused" (10 million downloads, or 16 of your pages), and together they add up. Without
 * library figures the score is the local part alone.
 */
export function overuseScore(meta: Pick<PhotoMeta, 'downloads' | 'views'>, pagesSeen: number): Overuse {
  const library = libraryPart(meta);
  const local = localPart(pagesSeen);
  const score = Math.round(100 * (1 - (1 - (library ?? 0)) * (1 - local)));
  return {score, label: overuseLabel(score), library, local};
}
