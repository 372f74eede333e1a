/** A hostile page: it tries to flag, unflag, read history and inject markup through everything it can reach. */
import {describe, expect, it} from 'vitest';
import {useFixtureBrowser} from './fixture-browser.js';
import {historyOf, tabFlags, tabOf} from './extension-state.js';
import {HOSTILE, hardeningRoutes} from './hardening-fixtures.js';
import {poll, waitForMarkers} from './wait.js';

const env = useFixtureBrowser({}, hardeningRoutes);

const PLAIN = `https://${HOSTILE.plainRequest}`;

describe('hostile page', () => {
  it('cannot flag, unflag, read the history or inject markup into the extension UI', async () => {
    const {context, extensionId} = env.browser;
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(HOSTILE.pageUrl, {waitUntil: 'load'});
    await waitForMarkers(page);
    const {tabId} = await tabOf(context, HOSTILE.pageUrl);
    await poll(async () => (await tabFlags(context, tabId)).map((f) => f.meta.id)).toEqual([HOSTILE.coverPhoto]);

    // Everything the page's own scripts can try (this runs in the page's main world).
    const attempts = await page.evaluate(async ([extensionId, plain, pageUrl]) => {
      const out: Record<string, unknown> = {};
      const fakeFlag = {imageUrl: plain, pageUrl, slot: 'cover', meta: {id: 'fixture:food-pizza', library: 'Fixture Stock'}, score: 1, region: [0, 0, 1, 1]};
      // 1. The extension's messaging: absent without externally_connectable.
      const chrome = (window as unknown as {chrome?: {runtime?: {sendMessage?: (...a: unknown[]) => Promise<unknown>}}}).chrome;
      out.runtime = typeof chrome?.runtime?.sendMessage;
      for (const msg of [{type: 'clearHistory', req: {}}, {type: 'getHistory', req: {}}, {type: 'checkImage', req: {url: plain, pageUrl, slot: 'cover'}}]) {
        try {
          out[`send ${msg.type}`] = await chrome?.runtime?.sendMessage?.(extensionId, msg);
        } catch (err) {
          out[`send ${msg.type}`] = `threw: ${(err as Error).message}`;
        }
      }
      // 2. window.postMessage in every shape of our protocol, requests and replies.
      for (const data of [
        {type: 'checkImage', req: {url: plain, pageUrl, slot: 'cover'}},
        {type: 'showCheck', req: {url: plain, result: {flag: fakeFlag}}},
        {type: 'scanNow', req: {}},
        {ok: true, value: {flag: fakeFlag}},
        {type: 'clearHistory', req: {}},
      ]) window.postMessage(data, '*');
      // 3. Fake events: a synthetic right-click on the plain image, custom events.
      document.querySelector('.plain')!.dispatchEvent(new MouseEvent('contextmenu', {bubbles: true}));
      for (const name of ['cliche:flag', 'cliche-check', 'message']) document.dispatchEvent(new CustomEvent(name, {detail: fakeFlag}));
      // 4. Globals the content script might have left.
      out.globals = Object.keys(window).filter((k) => /cliche/i.test(k));
      // 5. The marker's shadow DOM: read it, then try to turn it into a fake "not a stock photo" label.
      const host = document.querySelector('cliche-overlay');
      const root = host?.shadowRoot;
      out.shadowReadable = root ? root.textContent : null;
      if (root) root.querySelector('.marker')?.remove();
      host?.remove();
      await new Promise((r) => setTimeout(r, 1500)); // let anything the page triggered arrive
      return out;
    }, [extensionId, PLAIN, HOSTILE.pageUrl] as const);
    console.log('[e2e] hostile page attempts:', JSON.stringify(attempts));

    expect(attempts.runtime).toBe('undefined');
    // Our shadow root is closed: the page can neither read the marker nor rewrite it.
    expect(attempts.shadowReadable).toBeNull();
    expect(attempts.globals).toEqual([]);
    // Neither flagged nor unflagged by any of it: the extension's own record of the tab is unchanged.
    expect((await tabFlags(context, tabId)).map((f) => f.meta.id)).toEqual([HOSTILE.coverPhoto]);
    expect((await tabOf(context, HOSTILE.pageUrl)).badge).toBe('1');
    const history = await historyOf(context);
    expect(history.filter((e) => e.pageUrl === HOSTILE.pageUrl).map((e) => e.meta.id)).toEqual([HOSTILE.coverPhoto]);
    expect(history.some((e) => e.imageUrl === PLAIN)).toBe(false);

    // The popup shows the page's strings as text: no element made from them, no script run.
    const popup = await context.newPage();
    popup.on('dialog', (d) => {
      dialogs.push(`popup: ${d.message()}`);
      void d.dismiss();
    });
    await popup.goto(`chrome-extension://${extensionId}/src/ui/popup/index.html?tab=${tabId}`);
    const entry = popup.locator('.history-entry', {hasText: 'hostile'});
    await poll(() => entry.count()).toBe(1);
    expect(await entry.locator('.page-url').textContent()).toBe(HOSTILE.pageUrl);
    expect(await entry.locator('.page-url b, .page-url i, .page-url script').count()).toBe(0);
    expect(await entry.locator('img').first().getAttribute('src')).toBe(`https://${HOSTILE.coverRequest}`);
    expect(await popup.evaluate(() => (window as unknown as {pwned?: unknown}).pwned)).toBeUndefined();
    expect(await popup.locator('.tab-results .flag').count()).toBe(1);
    expect(dialogs).toEqual([]);
    await popup.close();
    await page.close();
  });
});
