/** Any page: large images (img, SVG image, inline-styled CSS backgrounds) that could be stock photos. */
import {imageUrlOf} from '../image-url.js';
import type {Candidate} from './finder.js';

/**
 * Rendered size below which an image is skipped: icons, thumbnails and avatars under 200x120 CSS
 * px are too small to show the framing that makes a stock photo recognisable.
 */
export const MIN_WIDTH = 200;
export const MIN_HEIGHT = 120;
/** Cap of new images per scan: a feed can hold hundreds of images; the biggest ones matter most. */
export const MAX_GENERIC = 50;

// Computed style is only read for inline-styled elements: reading it for every element would cost
// far more than the 5 ms main-thread budget on a feed page.
const SELECTOR = 'img, svg image, [style*="background"]';

/**
 * Large images, those near the viewport then the biggest first: every `known` one (already answered, so free to mark again) and at
 * most MAX_GENERIC others, so each scan of an infinite feed takes in what scrolling added.
 */
export function findLargeImages(root: Document, known: (url: string) => boolean = () => false): Candidate[] {
  const old: Candidate[] = [];
  const found: {c: Candidate; area: number; near: boolean}[] = [];
  const screen = root.defaultView?.innerHeight ?? 0;
  for (const el of root.querySelectorAll(SELECTOR)) {
    const r = el.getBoundingClientRect();
    if (r.width < MIN_WIDTH || r.height < MIN_HEIGHT) continue;
    const url = imageUrlOf(el);
    if (!url) continue;
    if (known(url)) old.push({el, url, slot: 'other'});
    // Within a screen of the viewport: where a feed's reader is looking, whatever the area.
    else found.push({c: {el, url, slot: 'other'}, area: r.width * r.height, near: r.bottom > -screen && r.top < 2 * screen});
  }
  found.sort((a, b) => Number(b.near) - Number(a.near) || b.area - a.area);
  return [...old, ...found.slice(0, MAX_GENERIC).map((f) => f.c)];
}
