/** What a site finder returns, and the helper every finder uses to turn selectors into candidates. */
import type {Slot} from '../../shared/flag.js';
import {imageUrlOf} from '../image-url.js';

export interface Candidate {
  el: Element;
  url: string;
  slot: Slot;
}

export interface SiteFinder {
  /** Selectors for the cover/banner, most specific first (also watched for SPA changes). */
  cover: string[];
  avatar: string[];
}

/** Elements matching the selectors that show an image, in selector order, without duplicates. */
export function pick(root: ParentNode, selectors: string[], slot: Slot): Candidate[] {
  const out: Candidate[] = [];
  for (const sel of selectors) {
    for (const el of root.querySelectorAll(sel)) {
      const url = imageUrlOf(el);
      if (url && !out.some((c) => c.url === url)) out.push({el, url, slot});
    }
  }
  return out;
}
