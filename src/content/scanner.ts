/** Page scans: find candidates, ask the background about each URL once per page visit, mark the flagged. */
import type {Flag} from '../shared/flag.js';
import type {Send} from '../shared/messaging.js';
import {call} from '../shared/messaging.js';
import type {CheckResult} from '../shared/protocol.js';
import type {SiteId} from '../shared/sites.js';
import {createCheckQueue} from './check-queue.js';
import type {Candidate} from './finders/finder.js';
import {findCandidates} from './finders/index.js';

export interface MarkerSink {
  add(el: Element, flag: Flag): void;
  clear(): void;
}

/**
 * Checks asked per page visit at most: an infinite feed must not keep the worker busy for as
 * long as the user scrolls. Chosen, not measured: six scans' worth of the generic finder's 50.
 */
export const MAX_CHECKS_PER_PAGE = 300;
/** Tries per check when the background gives no answer (its worker was stopped mid-check). */
export const ATTEMPTS = 3;
const RETRY_MS = 300;

/** A random id for one visit of a page; the history counts a retried check of it once. */
export function newVisitId(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return [...random(12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export interface ScannerOptions {
  wait?: (ms: number) => Promise<void>;
  newVisit?: () => string;
  /** The page's candidates; `known` URLs were asked already (defaults to the finders). */
  find?: (known: (url: string) => boolean) => Candidate[];
}

export function createScanner(doc: Document, site: SiteId | null, send: Send, markers: MarkerSink, o: ScannerOptions = {}) {
  const wait = o.wait ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const newVisit = o.newVisit ?? newVisitId;
  const find = o.find ?? ((known) => findCandidates(doc, site, known));
  const queue = createCheckQueue<CheckResult | null>();
  let page = '';
  let visit = '';
  /** URLs asked about in this page visit: rescans only add what scrolling or the app brought in. */
  let asked = new Set<string>();

  /** The background's answer; retried when the message got none (worker stopped, or restarting). */
  async function ask(url: string, pageUrl: string, slot: Flag['slot']): Promise<CheckResult | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(send, 'checkImage', {url, pageUrl, slot, visit});
      } catch {
        if (attempt >= ATTEMPTS) return null;
        await wait(RETRY_MS * attempt);
      }
    }
  }

  return async function scan(): Promise<number> {
    const pageUrl = doc.location.href;
    if (pageUrl !== page) {
      // A different page in the same document (single-page app): old markers describe nothing now.
      markers.clear();
      queue.reset();
      page = pageUrl;
      visit = newVisit();
      asked = new Set();
      await call(send, 'pageScanStarted', {pageUrl}).catch(() => null);
    }
    const candidates = find((url) => asked.has(url));
    await Promise.all(candidates.map(async (c) => {
      if (!asked.has(c.url)) {
        if (asked.size >= MAX_CHECKS_PER_PAGE) return;
        asked.add(c.url);
      }
      const result = await queue.run(c.url, () => ask(c.url, pageUrl, c.slot)).catch(() => null);
      if (result?.flag && c.el.isConnected && doc.location.href === page) markers.add(c.el, result.flag);
    }));
    return candidates.length;
  };
}
