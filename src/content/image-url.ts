/** Which URL an element actually shows: srcset (largest), src, SVG href, CSS background-image. */

/** srcset candidates as the HTML parser splits them: URLs may contain commas, descriptors may not. */
export function parseSrcset(srcset: string): {url: string; size: number}[] {
  const out: {url: string; size: number}[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i])) i++;
    const start = i;
    while (i < srcset.length && !/\s/.test(srcset[i])) i++;
    let url = srcset.slice(start, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      const comma = srcset.indexOf(',', i);
      const stop = comma === -1 ? srcset.length : comma;
      descriptor = srcset.slice(i, stop).trim();
      i = stop + 1;
    }
    // A valid srcset never mixes w and x descriptors, so the numbers compare directly.
    const m = /^(\d+(?:\.\d+)?)[wx]$/.exec(descriptor);
    if (url) out.push({url, size: m ? Number(m[1]) : 1});
  }
  return out;
}

/** The candidate with the largest width (w) or density (x) descriptor; plain URLs count as 1x. */
export function largestFromSrcset(srcset: string, baseUrl: string): string | null {
  const best = parseSrcset(srcset).reduce<{url: string; size: number} | null>((b, c) => (!b || c.size > b.size ? c : b), null);
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

/**
 * absolute() of a URL the browser resolved already (an image's currentSrc, a URL record serialized,
 * or empty), without parsing it again: the generic finder reads every image of a feed page.
 */
export function resolvedHttpUrl(resolved: string): string | null {
  return /^https?:/.test(resolved) ? resolved : null;
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
    // currentSrc is empty until the image's request starts (a lazy image out of view): src then.
    return fromSet ?? (el.currentSrc ? resolvedHttpUrl(el.currentSrc) : absolute(el.src, baseUrl));
  }
  if (view && el instanceof view.SVGImageElement) {
    return absolute(el.href.baseVal || el.getAttribute('xlink:href') || '', baseUrl);
  }
  const bg = view?.getComputedStyle(el).backgroundImage ?? '';
  return bg && bg !== 'none' ? cssUrl(bg, baseUrl) : null;
}
