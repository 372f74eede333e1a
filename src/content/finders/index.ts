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
 * `siteFound`: the site finder's candidates when the caller has them already (an automatic scan's start).
 */
export function findCandidates(doc: Document, site: SiteId | null, known: (url: string) => boolean = () => false, siteFound = siteCandidates(doc, site)): Candidate[] {
  return uniqueUrls([...siteFound, ...findLargeImages(doc, known)]);
}

/** Each URL once, in its first (most specific) slot. */
function uniqueUrls(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => !seen.has(c.url) && seen.add(c.url));
}

/** The site finder's cover, then avatar candidates (none off the supported sites). */
export function siteCandidates(doc: Document, site: SiteId | null): Candidate[] {
  const finder = site ? FINDERS[site] : null;
  return finder ? uniqueUrls([...pick(doc, finder.cover, 'cover'), ...pick(doc, finder.avatar, 'avatar')]) : [];
}

/** URL of the current cover, watched to rescan single-page apps when it changes. */
export function coverUrl(doc: Document, site: SiteId | null): string | null {
  return site ? (pick(doc, FINDERS[site].cover, 'cover')[0]?.url ?? null) : null;
}
