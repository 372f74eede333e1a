/** History of flagged images: search, filter by library, delete one, clear all, export. */
import {useEffect, useMemo, useState} from 'preact/hooks';
import {historyToCsv, historyToJson} from '../../shared/history-export.js';
import {librariesIn, pagesSeen} from '../../shared/history.js';
import type {HistoryEntry, HistoryHead} from '../../shared/storage-schema.js';
import {api, readHistory} from '../api.js';
import {download} from '../download.js';
import {HistoryList} from './history-list.js';
import {HistoryNotice} from './history-notice.js';
import {afterPaint, listed, seenOf} from './history-view.js';
import {t} from '../i18n.js';

interface Props {
  /** Bumped when the history may have changed (a scan flagged something): read it again. */
  version: number;
  /** The stored head as read before the popup's first render: drawn at once, for version 0. */
  head?: HistoryHead | null;
  /** Hands the per-photo page counts to the tab's results, for their overuse score. */
  onSeen?: (seen: Map<string, number>) => void;
}

export function HistorySection({version, head = null, onSeen}: Props) {
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [query, setQuery] = useState('');
  const [library, setLibrary] = useState('');
  useEffect(() => {
    let live = true;
    const readAll = () => void readHistory().then((h) => live && setHistory(h), () => live && setHistory([]));
    // The head drew the first screen; the whole history (search, filter, export, scrolling) is read
    // once that is painted. Without a head (none stored yet) the whole history is all there is.
    if (version === 0 && head) afterPaint(readAll);
    else readAll();
    return () => void (live = false);
  }, [version]);

  const complete = history !== null;
  const count = history?.length ?? head?.count;
  const seen = useMemo(() => seenOf(head, history, pagesSeen), [head, history]);
  useEffect(() => void ((history || head) && onSeen?.(seen)), [seen]);
  const libraries = useMemo(() => librariesIn(history ?? []), [history]);
  const shown = useMemo(() => listed(head, history, query, library), [head, history, query, library]);
  const stamp = new Date().toISOString().slice(0, 10);

  const clearAll = async () => {
    if (confirm(t('confirmClear'))) setHistory(await api('clearHistory', {}));
  };
  const remove = async (key: string) => setHistory(await api('deleteHistoryEntry', {key}));

  return (
    <section class="history" aria-busy={!complete}>
      <h2>{t('history')}{count !== undefined && ` (${count})`}</h2>
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
        <button class="export-csv" disabled={!complete} onClick={() => download(historyToCsv(shown), `cliche-history-${stamp}.csv`, 'text/csv')}>{t('exportCsv')}</button>
        <button class="export-json" disabled={!complete} onClick={() => download(historyToJson(shown), `cliche-history-${stamp}.json`, 'application/json')}>{t('exportJson')}</button>
        <button class="clear-all" disabled={!count} onClick={clearAll}>{t('clearAll')}</button>
      </div>
      {count === 0 && <p class="muted">{t('emptyHistory')}</p>}
      <HistoryList key={`${query}\n${library}`} entries={shown} seen={seen} onDelete={(key) => void remove(key)} />
    </section>
  );
}
