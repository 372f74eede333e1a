/** Page scans: find candidates, ask the background about each URL once per page visit, mark the flagged. */
import type {Flag} from '../shared/flag.js';
import type {Send} from '../shared/messaging.js';
import {call} from '../shared/messaging.js';
import type {CheckResult} from '../shared/protocol.js';
import type {SiteId} from '../shared/sites.js';
import {createCheckBatcher, type CheckBatcher} from './check-batch.js';
import {CONCURRENCY, createCheckQueue} from './check-queue.js';
import type {Candidate} from './finders/finder.js';
import {findCandidates} from './finders/index.js';

export interface MarkerSink {
  /** `label`: the marker's text as the background made it. */
  add(el: Element, flag: Flag, label: string): void;
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

/**
 * Bytes that only have to differ between page loads: the visit id guards no secret. Math.random,
 * not crypto.getRandomValues, whose first call in a page cost ~1 ms of its main thread (trace).
 */
const looseRandom = (n: number) => Uint8Array.from({length: n}, () => Math.floor(Math.random() * 256));

/** A random id for one visit of a page; the history counts a retried check of it once. */
export function newVisitId(random: (n: number) => Uint8Array = looseRandom): string {
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
  /** Whether this page visit's start reached the background (its first checks, or pageScanStarted). */
  let started = false;
  /** URLs asked about in this page visit: rescans only add what scrolling or the app brought in. */
  let asked = new Set<string>();
  type Check = {url: string; slot: Flag['slot']};
  let batcher: CheckBatcher<Check, CheckResult> | null = null;

  /** One batcher per page visit: a message never mixes two pages' checks. */
  const batcherFor = (pageUrl: string, visitId: string) => createCheckBatcher<Check, CheckResult>(
    (checks) => call(send, 'checkImages', {checks, pageUrl, visit: visitId}), CONCURRENCY);

  /** The background's answer; retried when the message got none (worker stopped, or restarting). */
  async function ask(checks: CheckBatcher<Check, CheckResult>, url: string, slot: Flag['slot']): Promise<CheckResult | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        // A cover or avatar is the marker the user looks for first: it does not wait for others.
        return await checks.ask({url, slot}, slot !== 'other');
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
      asked = new Set();
      batcher = batcherFor(page, newVisit());
      started = false;
    }
    const candidates = find((url) => asked.has(url));
    if (!started) {
      started = true;
      // The checks' answers start the page in the tab's results (TabState.addResult): only a page
      // with nothing to check needs a message of its own to clear the badge. Each message costs
      // the page's main thread (check-batch.ts); not waited for either way.
      if (candidates.length === 0) void call(send, 'pageScanStarted', {pageUrl}).catch(() => null);
    }
    const checks = batcher!;
    await Promise.all(candidates.map(async (c) => {
      if (!asked.has(c.url)) {
        if (asked.size >= MAX_CHECKS_PER_PAGE) return;
        asked.add(c.url);
      }
      const result = await queue.run(c.url, () => ask(checks, c.url, c.slot)).catch(() => null);
      if (result?.flag && c.el.isConnected && doc.location.href === page) markers.add(c.el, result.flag, result.label);
    }));
    return candidates.length;
  };
}
