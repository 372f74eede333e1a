/** Rescans when the cover or the URL changes without a page load, and when images are added (feeds). */
import {HOST_TAG} from './overlay.js';

/**
 * Mutations are batched for this long before the cover is looked up again: SPA navigations
 * replace the header in several bursts within ~100 ms.
 */
export const SETTLE_MS = 250;

/**
 * Added images wait this long for more before a rescan: an infinite feed appends in bursts while
 * the user scrolls, and each rescan reads every image's layout box once.
 */
export const MORE_IMAGES_MS = 1000;

const IMAGE_SELECTOR = 'img, svg image, [style*="background"]';
/** Images added, or lazy-loaded ones given their real source. */
const addsImages = (records: MutationRecord[]) => records.some((r) =>
  (r.type === 'attributes' && (r.attributeName === 'src' || r.attributeName === 'srcset'))
  || [...r.addedNodes].some((n) => n.nodeType === 1 && ((n as Element).matches(IMAGE_SELECTOR) || (n as Element).querySelector(IMAGE_SELECTOR) !== null)));

/** `initialCover`: the cover the first scan found, so the page's selectors are not run twice at start. */
/**
 * Records that only add or remove our own overlay host: its first marker is not the page changing,
 * and looking up the cover again 250 ms later cost the feed page's main thread about a millisecond.
 */
export const onlyOverlay = (records: Pick<MutationRecord, 'type' | 'addedNodes' | 'removedNodes'>[]) => records.every((r) =>
  r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => n.nodeName.toLowerCase() === HOST_TAG));

export function watchCover(doc: Document, currentCover: () => string | null, rescan: () => void, initialCover: string | null = currentCover()): () => void {
  let lastCover = initialCover;
  let lastUrl = doc.location.href;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let moreTimer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    timer = undefined;
    const cover = currentCover();
    if (cover !== lastCover || doc.location.href !== lastUrl) {
      lastCover = cover;
      lastUrl = doc.location.href;
      rescan();
    }
  };
  const more = () => {
    moreTimer = undefined;
    rescan();
  };
  const observer = new MutationObserver((records) => {
    if (onlyOverlay(records)) return;
    timer ??= setTimeout(check, SETTLE_MS);
    if (moreTimer === undefined && addsImages(records)) moreTimer = setTimeout(more, MORE_IMAGES_MS);
  });
  observer.observe(doc.documentElement, {subtree: true, childList: true, attributes: true, attributeFilter: ['src', 'srcset', 'style', 'href']});
  return () => {
    observer.disconnect();
    clearTimeout(timer);
    clearTimeout(moreTimer);
  };
}
