/** The social sites scanned automatically, and how a page URL maps to one of them. */

/**
 * The optional host permission of manifest.json behind the options switch "Check images on every
 * site automatically": the options page asks for it, the background scans while it is granted.
 */
export const ALL_SITES = {origins: ['<all_urls>']};

export const SITE_IDS = ['facebook', 'x', 'linkedin', 'youtube', 'instagram'] as const;
export type SiteId = (typeof SITE_IDS)[number];

/** Page hosts per site; must agree with manifest.json content_scripts (checked by sites.test.ts). */
export const SITE_HOSTS: Record<SiteId, readonly string[]> = {
  facebook: ['www.facebook.com'],
  x: ['x.com', 'twitter.com'],
  linkedin: ['www.linkedin.com'],
  youtube: ['www.youtube.com'],
  instagram: ['www.instagram.com'],
};

/** Display names are brand names: identical in every language, so they stay out of _locales. */
export const SITE_NAMES: Record<SiteId, string> = {
  facebook: 'Facebook',
  x: 'X (Twitter)',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  instagram: 'Instagram',
};

export function siteOf(pageUrl: string): SiteId | null {
  let host: string;
  try {
    host = new URL(pageUrl).hostname;
  } catch {
    return null;
  }
  return SITE_IDS.find((id) => SITE_HOSTS[id].includes(host)) ?? null;
}
