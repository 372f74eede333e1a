/** Popup entry: the tab it describes is the active one, or ?tab=<id> when opened as a page. */
import {render} from 'preact';
import {browser} from '../../shared/browser.js';
import {App} from './app.js';

async function targetTab(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({active: true, currentWindow: true});
  return tab?.id ?? null;
}

document.documentElement.lang = browser.i18n.getUILanguage();
targetTab().then((tabId) => render(<App tabId={tabId} />, document.getElementById('app')!));
