/** Content script entry: auto-scan on supported sites, answer the background, show markers. */
import {parseContentMessage, type ContentProtocol, type Res} from '../shared/protocol.js';
import {reply} from '../shared/messaging.js';
import {siteOf} from '../shared/sites.js';
import type {T} from '../shared/flag.js';
import type {Candidate} from './finders/finder.js';
import {coverUrl} from './finders/index.js';
import {imageUrlOf} from './image-url.js';
import {createMarkers} from './markers.js';
import {createOverlay} from './overlay.js';
import {nativeExtension} from './extension-api.js';
import {createScanner} from './scanner.js';
import {watchCover} from './watch.js';

const ext = nativeExtension();
const t: T = (key, subs) => ext.getMessage(key, subs) || key;
const FLAG = '__clicheContentLoaded';

function start() {
  const site = siteOf(location.href);
  const markers = createMarkers(document, () => createOverlay(document), t);
  const scan = createScanner(document, site, ext.sendMessage, markers);
  let lastContextTarget: Element | null = null;

  // Capture phase: pages that stop propagation of contextmenu still let us see the target.
  // Only the user's own right-clicks count: a page's synthetic event cannot pick what gets checked.
  document.addEventListener('contextmenu', (e) => {
    if (e.isTrusted) lastContextTarget = e.target instanceof Element ? e.target : null;
  }, {capture: true});

  const contextUrl = (): string | null => {
    for (let el = lastContextTarget; el; el = el.parentElement) {
      const url = imageUrlOf(el);
      if (url) return url;
    }
    return null;
  };

  const handlers: {[K in keyof ContentProtocol]: (req: never) => Promise<Res<ContentProtocol, K>> | Res<ContentProtocol, K>} = {
    scanNow: async () => ({images: (await scan()) ?? 0}), // null only for an automatic scan
    contextTarget: () => ({url: contextUrl()}),
    showCheck: ({result}: {result: import('../shared/protocol.js').CheckResult}) => {
      if (result.flag) markers.showFlag(result.flag);
      else if (result.error === 'noImageHere') markers.showText(t('extName'), t('noImageHere'));
      else if (result.error) markers.showText(t('extName'), t('checkFailed', [result.error]));
      else markers.showText(t('extName'), t('noMatch'));
      return null;
    },
  };

  ext.onMessage((message, senderId) => {
    if (senderId !== ext.id) return undefined;
    const msg = parseContentMessage(message);
    if (!msg) return undefined;
    return reply(() => (handlers[msg.type] as (req: unknown) => unknown)(msg.req));
  });

  if (!site) return;
  // The background says whether this site is scanned automatically, in its answer to the cover's
  // check. The cover watch starts from the cover the scan found instead of looking it up again.
  const watch = (found: Candidate[]) => watchCover(document, () => coverUrl(document, site), () => void scan(), found.find((c) => c.slot === 'cover')?.url ?? null);
  void scan({auto: true, onAutoScanOn: watch});
}

// Injected again by the toolbar or the menu on a page that already has it: keep one instance.
const g = globalThis as Record<string, unknown>;
if (!g[FLAG]) {
  g[FLAG] = true;
  start();
}
