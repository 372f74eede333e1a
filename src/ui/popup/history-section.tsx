/** History of flagged images: search, filter by library, delete one, clear all, export. */
import {useEffect, useMemo, useState} from 'preact/hooks';
import {historyToCsv, historyToJson} from '../../shared/history-export.js';
import {librariesIn, pagesSeen, searchHistory} from '../../shared/history.js';
import type {HistoryEntry} from '../../shared/storage-schema.js';
import {api, readHistory} from '../api.js';
import {download} from '../download.js';
import {HistoryList} from './history-list.js';
import {HistoryNotice} from './history-notice.js';
import {t} from '../i18n.js';

interface Props {
  /** Bumped when the history may have changed (a scan flagged something): read it again. */
  version: number;
  /** The history as read when the popup opened (asked before the first render), for version 0. */
  initial?: Promise<HistoryEntry[]>;
  /** Hands the per-photo page counts to the tab's results, for their overuse score. */
  onSeen?: (seen: Map<string, number>) => void;
}

export function HistorySection({version, initial, onSeen}: Props) {
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [query, setQuery] = useState('');
  const [library, setLibrary] = useState('');
  useEffect(() => void (version === 0 && initial ? initial : readHistory()).then(setHistory, () => setHistory([])), [version]);

  const all = history ?? [];
  const seen = useMemo(() => pagesSeen(all), [history]);
  useEffect(() => void (history && onSeen?.(seen)), [seen]);
  const libraries = useMemo(() => librariesIn(all), [history]);
  // No search: the whole history, as stored (newest first), without building search text for each entry.
  const shown = useMemo(() => (query.trim() || library ? searchHistory(all, query, library) : all), [history, query, library]);
  const stamp = new Date().toISOString().slice(0, 10);

  const clearAll = async () => {
    if (confirm(t('confirmClear'))) setHistory(await api('clearHistory', {}));
  };
  const remove = async (key: string) => setHistory(await api('deleteHistoryEntry', {key}));

  return (
    <section class="history" aria-busy={history === null}>
      <h2>{t('history')}{history && ` (${history.length})`}</h2>
      <HistoryNotice version={version} />
      <div class="toolbar">
        <input type="search" value={query} placeholder={t('searchPlaceholder')} aria-label={t('searchPlaceholder')}
          onInput={(e) => setQuery(e.currentTarget.value)} />
        <select value={library} aria-label={t('allLibraries')} onChange={(e) => setLibrary(e.currentTarget.value)}>
          <option value="">{t('allLibraries')}</option>
          {libraries.map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
      </div>
      <div class="toolbar">
        <button class="export-csv" onClick={() => download(historyToCsv(shown), `cliche-history-${stamp}.csv`, 'text/csv')}>{t('exportCsv')}</button>
        <button class="export-json" onClick={() => download(historyToJson(shown), `cliche-history-${stamp}.json`, 'application/json')}>{t('exportJson')}</button>
        <button class="clear-all" disabled={all.length === 0} onClick={clearAll}>{t('clearAll')}</button>
      </div>
      {history?.length === 0 && <p class="muted">{t('emptyHistory')}</p>}
      <HistoryList key={`${query}\n${library}`} entries={shown} seen={seen} onDelete={(key) => void remove(key)} />
    </section>
  );
}
