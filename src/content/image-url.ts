/** Which URL an element actually shows: srcset (largest), src, SVG href, CSS background-image. */

/** The candidate with the largest width (w) or density (x) descriptor; plain URLs count as 1x. */
export function largestFromSrcset(srcset: string, baseUrl: string): string | null {
  let best: {url: string; size: number} | null = null;
  // Candidates are "url descriptor" separated by commas; URLs may themselves contain commas.
  const re = /\s*([^\s,][^\s]*?)(?:\s+(\d+(?:\.\d+)?)([wx]))?\s*(?:,|$)/g;
  for (const m of srcset.matchAll(re)) {
    if (!m[1]) continue;
    // A valid srcset never mixes w and x descriptors, so the numbers compare directly.
    const size = m[2] ? Number(m[2]) : 1;
    if (!best || size > best.size) best = {url: m[1], size};
  }
  return best ? absolute(best.url, baseUrl) : null;
}

export function absolute(url: string, baseUrl: string): string | null {
  try {
    const u = new URL(url, baseUrl);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** First url(...) in a CSS background-image value (layers beyond the first are overlays). */
export function cssUrl(backgroundImage: string, baseUrl: string): string | null {
  const m = /url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)\s]*))\s*\)/.exec(backgroundImage);
  const raw = m && (m[1] ?? m[2] ?? m[3]);
  return raw ? absolute(raw.replace(/\\(.)/g, '$1'), baseUrl) : null;
}

export function imageUrlOf(el: Element, baseUrl = el.ownerDocument.baseURI): string | null {
  const view = el.ownerDocument.defaultView;
  if (view && el instanceof view.HTMLImageElement) {
    const fromSet = el.srcset ? largestFromSrcset(el.srcset, baseUrl) : null;
    return fromSet ?? absolute(el.currentSrc || el.src, baseUrl);
  }
  if (view && el instanceof view.SVGImageElement) {
    return absolute(el.href.baseVal || el.getAttribute('xlink:href') || '', baseUrl);
  }
  const bg = view?.getComputedStyle(el).backgroundImage ?? '';
  return bg && bg !== 'none' ? cssUrl(bg, baseUrl) : null;
}
