/** Popup entry: the tab it describes is the active one, or ?tab=<id> when opened as a page. */
import {render} from 'preact';
import {browser} from '../../shared/browser.js';
import {readHistoryHead} from '../api.js';
import {App} from './app.js';

async function targetTab(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({active: true, currentWindow: true});
  return tab?.id ?? null;
}

// Read before anything is drawn: effects would only start it after the first paint. Only the
// history's small head: the whole history (~450 KB at 1,000 entries) is read once that is painted.
const head = readHistoryHead();
document.documentElement.lang = browser.i18n.getUILanguage();
targetTab().then((tabId) => render(<App tabId={tabId} head={head} />, document.getElementById('app')!));
