/** History of flagged images: search, filter by library, delete one, clear all, export. */
import {useEffect, useMemo, useState} from 'preact/hooks';
import {historyToCsv, historyToJson} from '../../shared/history-export.js';
import {librariesIn, pagesSeen, searchHistory} from '../../shared/history.js';
import type {HistoryEntry} from '../../shared/storage-schema.js';
import {api} from '../api.js';
import {FlagDetails} from '../components/flag-details.js';
import {WebSearch} from '../components/web-search.js';
import {download} from '../download.js';
import {HistoryNotice} from './history-notice.js';
import {lang, t} from '../i18n.js';

/** Rendered at most: the rest is reached through search (keeps the popup fast with 5,000 entries). */
const SHOWN = 100;

/** `onSeen` hands the per-photo page counts to the tab's results, for their overuse score. */
export function HistorySection({version, onSeen}: {version: number; onSeen?: (seen: Map<string, number>) => void}) {
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [query, setQuery] = useState('');
  const [library, setLibrary] = useState('');
  useEffect(() => void api('getHistory', {}).then(setHistory, () => undefined), [version]);

  const seen = useMemo(() => pagesSeen(history), [history]);
  useEffect(() => onSeen?.(seen), [seen]);
  const shown = useMemo(() => searchHistory(history, query, library), [history, query, library]);
  const stamp = new Date().toISOString().slice(0, 10);

  const clearAll = async () => {
    if (confirm(t('confirmClear'))) setHistory(await api('clearHistory', {}));
  };

  return (
    <section class="history">
      <h2>{t('history')} ({history.length})</h2>
      <HistoryNotice version={version} />
      <div class="toolbar">
        <input type="search" value={query} placeholder={t('searchPlaceholder')} aria-label={t('searchPlaceholder')}
          onInput={(e) => setQuery(e.currentTarget.value)} />
        <select value={library} aria-label={t('allLibraries')} onChange={(e) => setLibrary(e.currentTarget.value)}>
          <option value="">{t('allLibraries')}</option>
          {librariesIn(history).map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
      </div>
      <div class="toolbar">
        <button class="export-csv" onClick={() => download(historyToCsv(shown), `cliche-history-${stamp}.csv`, 'text/csv')}>{t('exportCsv')}</button>
        <button class="export-json" onClick={() => download(historyToJson(shown), `cliche-history-${stamp}.json`, 'application/json')}>{t('exportJson')}</button>
        <button class="clear-all" disabled={history.length === 0} onClick={clearAll}>{t('clearAll')}</button>
      </div>
      {history.length === 0 && <p class="muted">{t('emptyHistory')}</p>}
      <ul>
        {shown.slice(0, SHOWN).map((e) => (
          <li class="entry history-entry" key={e.key}>
            <img src={e.imageUrl} alt="" loading="lazy" referrerpolicy="no-referrer" />
            <div class="body">
              <p class="page-url">{e.pageUrl}</p>
              <p class="muted">{t('lastSeen', [new Date(e.lastSeen).toLocaleString(lang())])}</p>
              <FlagDetails meta={e.meta} score={e.score} pagesSeen={seen.get(e.meta.id)} />
              <WebSearch imageUrl={e.imageUrl} />
              <button class="delete" onClick={async () => setHistory(await api('deleteHistoryEntry', {key: e.key}))}>{t('deleteEntry')}</button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
