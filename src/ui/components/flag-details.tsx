/** The stock match of one flagged image: library, id, photographer, licence, link, figures. */
import type {PhotoMeta} from '../../core/photo-set.js';
import {compactNumber} from '../../shared/flag.js';
import {lang, t} from '../i18n.js';

const httpUrl = (u?: string) => (u && /^https?:\/\//i.test(u) ? u : undefined);

export function FlagDetails({meta, score, pagesSeen}: {meta: PhotoMeta; score: number; pagesSeen?: number}) {
  const original = httpUrl(meta.pageUrl);
  return (
    <div class="details">
      <p class="match">
        <strong>{meta.library ?? t('unknownLibrary')}</strong> · <span class="photo-id">{meta.id}</span>
        {' · '}<span class="confidence">{t('confidence', [`${Math.round(score * 100)}%`])}</span>
      </p>
      {meta.title && <p>{meta.title}</p>}
      {meta.photographer && <p>{t('photographer', [meta.photographer])}</p>}
      {meta.licence && <p>{t('licence', [meta.licence])}</p>}
      <p class="figures">
        {meta.downloads ? <span>{t('downloadsCount', [compactNumber(meta.downloads, lang())])} </span> : null}
        {meta.views ? <span>{t('viewsCount', [compactNumber(meta.views, lang())])} </span> : null}
        {pagesSeen ? <span class="pages-seen">{t('pagesSeen', [pagesSeen])}</span> : null}
      </p>
      {original && <p><a href={original} target="_blank" rel="noopener noreferrer">{t('openOriginal')}</a></p>}
    </div>
  );
}
