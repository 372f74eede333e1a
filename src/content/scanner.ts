/** One page scan: find candidates, ask the background about each, mark the flagged ones. */
import type {Send} from '../shared/messaging.js';
import {call} from '../shared/messaging.js';
import type {SiteId} from '../shared/sites.js';
import {findCandidates} from './finders/index.js';

export interface MarkerSink {
  add(el: Element, flag: import('../shared/flag.js').Flag): void;
  clear(): void;
}

export function createScanner(doc: Document, site: SiteId | null, send: Send, markers: MarkerSink) {
  let scannedPage = '';
  return async function scan(): Promise<number> {
    const pageUrl = doc.location.href;
    if (pageUrl !== scannedPage) {
      // A different page in the same document (single-page app): old markers describe nothing now.
      markers.clear();
      scannedPage = pageUrl;
      await call(send, 'pageScanStarted', {pageUrl});
    }
    const candidates = findCandidates(doc, site);
    await Promise.all(candidates.map(async (c) => {
      const result = await call(send, 'checkImage', {url: c.url, pageUrl, slot: c.slot}).catch(() => null);
      if (result?.flag && c.el.isConnected) markers.add(c.el, result.flag);
    }));
    return candidates.length;
  };
}
