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

// The first render waits for the history's small head (one storage read, asked in parallel with the
// tab): drawn with it, the first frame already lists the newest entries. Read in an effect, it came
// a frame or two later (effects run after a paint). The whole history (~450 KB at 1,000 entries)
// is read once that first frame is painted.
document.documentElement.lang = browser.i18n.getUILanguage();
Promise.all([targetTab(), readHistoryHead().catch(() => null)])
  .then(([tabId, head]) => render(<App tabId={tabId} head={head} />, document.getElementById('app')!));
