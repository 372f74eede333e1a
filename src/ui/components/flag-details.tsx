/** The stock match of one flagged image: library, id, photographer, licence, link, figures. */
import type {PhotoMeta} from '../../core/photo-set.js';
import {overuseScore, type OveruseLabel} from '../../shared/overuse.js';
import {lang, t} from '../i18n.js';
import {compact} from './formats.js';

const LABELS: Record<OveruseLabel, () => string> = {
  heavy: () => t('overuseHeavy'),
  over: () => t('overuseOver'),
  moderate: () => t('overuseModerate'),
  low: () => t('overuseLow'),
};

/** "Overuse 89/100 · heavily overused": library figures and the pages where this user saw it (src/shared/overuse.ts). */
export function OveruseBadge({meta, pagesSeen}: {meta: PhotoMeta; pagesSeen: number}) {
  const o = overuseScore(meta, pagesSeen);
  return (
    <p class={`overuse overuse-${o.label}`} title={t('overuseHelp')}>
      <strong>{t('overuseScore', [o.score])}</strong> · {LABELS[o.label]()}
    </p>
  );
}

const httpUrl = (u?: string) => (u && /^https?:\/\//i.test(u) ? u : undefined);

export function FlagDetails({meta, score, pagesSeen}: {meta: PhotoMeta; score: number; pagesSeen?: number}) {
  const original = httpUrl(meta.pageUrl);
  const locale = lang();
  return (
    <div class="details">
      <p class="match">
        <strong>{meta.library ?? t('unknownLibrary')}</strong> · <span class="photo-id">{meta.id}</span>
        {' · '}<span class="confidence">{t('confidence', [`${Math.round(score * 100)}%`])}</span>
      </p>
      <OveruseBadge meta={meta} pagesSeen={pagesSeen ?? 1} />
      {meta.title && <p>{meta.title}</p>}
      {meta.photographer && <p>{t('photographer', [meta.photographer])}</p>}
      {meta.licence && <p>{t('licence', [meta.licence])}</p>}
      <p class="figures">
        {meta.downloads ? <span>{t('downloadsCount', [compact(meta.downloads, locale)])} </span> : null}
        {meta.views ? <span>{t('viewsCount', [compact(meta.views, locale)])} </span> : null}
        {pagesSeen ? <span class="pages-seen">{t('pagesSeen', [pagesSeen])}</span> : null}
      </p>
      {original && <p><a href={original} target="_blank" rel="noopener noreferrer">{t('openOriginal')}</a></p>}
    </div>
  );
}
