/** Popup entry: the tab it describes is the active one, or ?tab=<id> when opened as a page. */
import {render} from 'preact';
import {browser} from '../../shared/browser.js';
import {readHistory} from '../api.js';
import {App} from './app.js';

async function targetTab(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({active: true, currentWindow: true});
  return tab?.id ?? null;
}

// Read before anything is drawn: the history is the longest wait of the popup, and effects would
// only start it after the first paint.
const history = readHistory();
document.documentElement.lang = browser.i18n.getUILanguage();
targetTab().then((tabId) => render(<App tabId={tabId} history={history} />, document.getElementById('app')!));
