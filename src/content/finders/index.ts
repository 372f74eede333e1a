/** The finder registry: one finder per site, plus the generic large-image finder on every page. */
import type {SiteId} from '../../shared/sites.js';
import {facebook} from './facebook.js';
import {pick, type Candidate, type SiteFinder} from './finder.js';
import {findLargeImages} from './generic.js';
import {instagram} from './instagram.js';
import {linkedin} from './linkedin.js';
import {x} from './x.js';
import {youtube} from './youtube.js';

export const FINDERS: Record<SiteId, SiteFinder> = {facebook, x, linkedin, youtube, instagram};

/**
 * Cover first, then avatar, then other large images; each URL once, in its most specific slot.
 * `known` URLs (already checked on this page) do not count against the generic finder's cap.
 */
export function findCandidates(doc: Document, site: SiteId | null, known: (url: string) => boolean = () => false): Candidate[] {
  const finder = site ? FINDERS[site] : null;
  const all = [
    ...(finder ? pick(doc, finder.cover, 'cover') : []),
    ...(finder ? pick(doc, finder.avatar, 'avatar') : []),
    ...findLargeImages(doc, known),
  ];
  const seen = new Set<string>();
  return all.filter((c) => !seen.has(c.url) && seen.add(c.url));
}

/** URL of the current cover, watched to rescan single-page apps when it changes. */
export function coverUrl(doc: Document, site: SiteId | null): string | null {
  return site ? (pick(doc, FINDERS[site].cover, 'cover')[0]?.url ?? null) : null;
}
