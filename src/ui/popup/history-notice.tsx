/** Says when full storage forced the oldest history out: never a silent loss. */
import {useEffect, useState} from 'preact/hooks';
import type {HistoryNotice as Notice} from '../../shared/storage-schema.js';
import {api} from '../api.js';
import {t} from '../i18n.js';

export function HistoryNotice({version}: {version: number}) {
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => void api('getHistoryNotice', {}).then(setNotice, () => undefined), [version]);
  if (!notice) return null;
  return (
    <p class="error history-notice" role="status">
      {t('historyPruned', [notice.pruned])}{' '}
      <button class="dismiss" onClick={() => void api('dismissHistoryNotice', {}).then(() => setNotice(null))}>{t('dismissNotice')}</button>
    </p>
  );
}
