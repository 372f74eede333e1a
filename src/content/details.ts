/** The details panel's text for a flag (marker labels come from the worker). Page and index strings are text, never HTML. */
import {compactNumber, type Flag, type T} from '../shared/flag.js';

const safeHttpUrl = (url: string | undefined) => (url && /^https?:\/\//i.test(url) ? url : null);

/** Builds the panel body for a flag with DOM text nodes only. */
export function renderFlag(doc: Document, flag: Flag, t: T): HTMLElement[] {
  const line = (text: string) => {
    const p = doc.createElement('p');
    p.textContent = text;
    return p;
  };
  const {meta} = flag;
  const out = [line(t('confidence', [`${Math.round(flag.score * 100)}%`]))];
  out.push(line(`${meta.library ?? t('unknownLibrary')} · ${meta.id}`));
  if (meta.title) out.push(line(meta.title));
  if (meta.photographer) out.push(line(t('photographer', [meta.photographer])));
  if (meta.licence) out.push(line(t('licence', [meta.licence])));
  if (meta.downloads) out.push(line(t('downloadsCount', [compactNumber(meta.downloads)])));
  if (meta.views) out.push(line(t('viewsCount', [compactNumber(meta.views)])));
  const href = safeHttpUrl(meta.pageUrl);
  if (href) {
    const p = doc.createElement('p');
    const a = doc.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = t('openOriginal');
    p.append(a);
    out.push(p);
  }
  return out;
}
