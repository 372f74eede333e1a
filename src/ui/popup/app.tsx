/** Popup: scan the current tab (toolbar click grants activeTab), its results, then the history. */
import {useEffect, useState} from 'preact/hooks';
import type {TabResults} from '../../shared/protocol.js';
import type {HistoryHead} from '../../shared/storage-schema.js';
import {browser} from '../../shared/browser.js';
import {api} from '../api.js';
import {t} from '../i18n.js';
import {HistorySection} from './history-section.js';
import {TabSection} from './tab-section.js';

/** `head`: the history's stored head as read when the popup opened (null: none stored). */
export function App({tabId, head}: {tabId: number | null; head?: HistoryHead | null}) {
  const [results, setResults] = useState<TabResults | null>(null);
  const [scanning, setScanning] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // Bumped when a scan flagged something, so the history shows what it just recorded.
  const [historyVersion, setHistoryVersion] = useState(0);
  // Pages per stock photo in the history: the local part of each flag's overuse score.
  const [seen, setSeen] = useState<Map<string, number>>(new Map());

  useEffect(() => {
    if (tabId === null) return void setScanning(false);
    // Show what the tab already has at once; the fresh scan replaces it when done.
    const before = api('getTabResults', {tabId}).catch(() => null);
    void before.then((r) => r && setResults((shown) => shown ?? r));
    api('scanTab', {tabId})
      .then(async (fresh) => {
        setResults(fresh);
        // Read the history again only if the scan may have recorded something: a flag among new
        // checks. A rescan of a page already checked asks nothing, and the history read at opening is current.
        const old = await before;
        if (fresh.flags.length > 0 && (fresh.checked !== old?.checked || fresh.pageUrl !== old.pageUrl)) setHistoryVersion((v) => v + 1);
      }, () => setError(t('cannotScan')))
      .finally(() => setScanning(false));
  }, [tabId]);

  return (
    <main>
      <TabSection results={results} scanning={scanning} error={error} seen={seen} />
      <HistorySection version={historyVersion} head={head} onSeen={setSeen} />
      <p><a href="#" onClick={(e) => { e.preventDefault(); void browser.runtime.openOptionsPage(); }}>{t('openOptions')}</a></p>
    </main>
  );
}
