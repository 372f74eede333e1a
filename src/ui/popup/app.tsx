/** Popup: scan the current tab (toolbar click grants activeTab), its results, then the history. */
import {useEffect, useState} from 'preact/hooks';
import type {TabResults} from '../../shared/protocol.js';
import {browser} from '../../shared/browser.js';
import {api} from '../api.js';
import {t} from '../i18n.js';
import {HistorySection} from './history-section.js';
import {TabSection} from './tab-section.js';

export function App({tabId}: {tabId: number | null}) {
  const [results, setResults] = useState<TabResults | null>(null);
  const [scanning, setScanning] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // Bumped when a scan finishes so the history shows what it just recorded.
  const [historyVersion, setHistoryVersion] = useState(0);
  // Pages per stock photo in the history: the local part of each flag's overuse score.
  const [seen, setSeen] = useState<Map<string, number>>(new Map());

  useEffect(() => {
    if (tabId === null) return void setScanning(false);
    // Show what the tab already has at once; the fresh scan replaces it when done.
    api('getTabResults', {tabId}).then(setResults, () => undefined);
    api('scanTab', {tabId})
      .then(setResults, () => setError(t('cannotScan')))
      .finally(() => {
        setScanning(false);
        setHistoryVersion((v) => v + 1);
      });
  }, [tabId]);

  return (
    <main>
      <TabSection results={results} scanning={scanning} error={error} seen={seen} />
      <HistorySection version={historyVersion} onSeen={setSeen} />
      <p><a href="#" onClick={(e) => { e.preventDefault(); void browser.runtime.openOptionsPage(); }}>{t('openOptions')}</a></p>
    </main>
  );
}
