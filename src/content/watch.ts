/** Rescans single-page apps when the cover changes or the URL changes without a page load. */

/**
 * Mutations are batched for this long before the cover is looked up again: SPA navigations
 * replace the header in several bursts within ~100 ms.
 */
export const SETTLE_MS = 250;

export function watchCover(doc: Document, currentCover: () => string | null, rescan: () => void): () => void {
  let lastCover = currentCover();
  let lastUrl = doc.location.href;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    timer = undefined;
    const cover = currentCover();
    if (cover !== lastCover || doc.location.href !== lastUrl) {
      lastCover = cover;
      lastUrl = doc.location.href;
      rescan();
    }
  };
  const observer = new MutationObserver(() => {
    timer ??= setTimeout(check, SETTLE_MS);
  });
  observer.observe(doc.documentElement, {subtree: true, childList: true, attributes: true, attributeFilter: ['src', 'srcset', 'style', 'href']});
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}
