/** One index in the options list: what it is, whether it works, and what can be done with it. */
import type {IndexInfo} from '../../shared/protocol.js';
import {lang, t} from '../i18n.js';
import {formatDate, formatSize} from './format.js';

const SOURCE: Record<IndexInfo['source'], () => string> = {
  bundled: () => t('indexSourceBundled'),
  file: () => t('indexSourceFile'),
  url: () => t('indexSourceUrl'),
};

const PERIODS: [number, () => string][] = [[1, () => t('updateDaily')], [7, () => t('updateWeekly')], [30, () => t('updateMonthly')]];

export interface RowActions {
  setEnabled(enabled: boolean): void;
  setUpdateDays(days: number): void;
  update(): void;
  remove(): void;
}

export function IndexRow({info, busy, error, act}: {info: IndexInfo; busy: boolean; error?: string; act: RowActions}) {
  const name = info.source === 'bundled' ? t('indexDefaultName') : info.name;
  return (
    <tr class="index-row" data-index-id={info.id} aria-busy={busy}>
      <td>
        <label>
          <input type="checkbox" class="index-enabled" checked={info.enabled} disabled={busy} aria-label={t('indexEnabled')}
            onChange={(e) => act.setEnabled(e.currentTarget.checked)} />{' '}
          <span class="index-name">{name}</span>
        </label>
        {info.url && <div class="muted index-url">{info.url}</div>}
        {!info.enabled && <div class="muted">{t('indexDisabled')}</div>}
        {info.enabled && info.inPlace && <div class="muted index-in-place">{t('indexInPlace')}</div>}
        {info.enabled && info.error && <div class="error index-error">{t('indexFailed', [info.error])}</div>}
        {info.updateError && <div class="error index-update-error">{t('indexUpdateFailed', [info.updateError])}</div>}
        {error && <div class="error">{t('indexActionFailed', [error])}</div>}
      </td>
      <td>{SOURCE[info.source]()}</td>
      <td class="index-photos">{info.photos || info.loaded ? info.photos.toLocaleString(lang()) : '—'}</td>
      <td>
        {formatDate(info.updatedAt, lang())}
        {info.lastCheckedAt && <div class="muted">{t('indexChecked', [formatDate(info.lastCheckedAt, lang())])}</div>}
      </td>
      <td>{info.size ? formatSize(info.size, lang()) : '—'}</td>
      <td class="index-actions">
        {info.source === 'url' && (
          <>
            <select class="index-period" aria-label={t('indexUpdateEvery')} value={info.updateDays} disabled={busy}
              onChange={(e) => act.setUpdateDays(Number(e.currentTarget.value))}>
              {PERIODS.map(([d, label]) => <option key={d} value={d}>{label()}</option>)}
            </select>{' '}
            <button class="index-update" disabled={busy} onClick={act.update}>{t('indexUpdateNow')}</button>{' '}
          </>
        )}
        {info.removable && <button class="index-remove" disabled={busy} onClick={act.remove}>{t('indexRemove')}</button>}
      </td>
    </tr>
  );
}

export {PERIODS};
