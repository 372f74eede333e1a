/** Page scans: find candidates, ask the background about each URL once per page visit, mark the flagged. */
import type {Flag} from '../shared/flag.js';
import type {Send} from '../shared/messaging.js';
import {call} from '../shared/messaging.js';
import type {CheckResult} from '../shared/protocol.js';
import type {SiteId} from '../shared/sites.js';
import {createCheckBatcher, type CheckBatcher} from './check-batch.js';
import {CONCURRENCY, createCheckQueue} from './check-queue.js';
import type {Candidate} from './finders/finder.js';
import {findCandidates, siteCandidates} from './finders/index.js';

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
  /**
   * The page's candidates; `known` URLs were asked already (defaults to the finders). `siteFound`:
   * the site finder's, when an automatic scan's start found them already.
   */
  find?: (known: (url: string) => boolean, siteFound?: Candidate[]) => Candidate[];
  /** The site's own cover and avatar, asked first by an automatic scan (defaults to the site finder). */
  findFirst?: () => Candidate[];
}

export interface ScanOptions {
  /**
   * The page's own start on a supported site: its cover and avatar go first, in the message that
   * asks whether the site is scanned automatically (autoScanPage); the rest only if it is, and
   * `onAutoScanOn` gets the page's candidates once they are found. The scan resolves to null when it is not.
   */
  auto?: boolean;
  onAutoScanOn?: (candidates: Candidate[]) => void;
}

export function createScanner(doc: Document, site: SiteId | null, send: Send, markers: MarkerSink, o: ScannerOptions = {}) {
  const wait = o.wait ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const newVisit = o.newVisit ?? newVisitId;
  const find = o.find ?? ((known, siteFound) => findCandidates(doc, site, known, siteFound));
  const findFirst = o.findFirst ?? (() => siteCandidates(doc, site));
  const queue = createCheckQueue<CheckResult | null>();
  let page = '';
  /** Whether this page visit's start reached the background (its first checks, or pageScanStarted). */
  let started = false;
  /** URLs asked about in this page visit: rescans only add what scrolling or the app brought in. */
  let asked = new Set<string>();
  type Check = {url: string; slot: Flag['slot']};
  let batcher: CheckBatcher<Check, CheckResult> | null = null;
  let visit = '';

  /** One batcher per page visit: a message never mixes two pages' checks. */
  const batcherFor = (pageUrl: string, visitId: string) => createCheckBatcher<Check, CheckResult>(
    (checks) => call(send, 'checkImages', {checks, pageUrl, visit: visitId}), CONCURRENCY);

  /** `attempt`'s answer; asked again when its message got none (worker stopped, or restarting), null after ATTEMPTS. */
  async function retried<T>(attempt: () => Promise<T>): Promise<T | null> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch {
        if (n >= ATTEMPTS) return null;
        await wait(RETRY_MS * n);
      }
    }
  }

  /** The background's answer about one image. A cover or avatar does not wait for others: it is the marker the user looks for first. */
  const ask = (checks: CheckBatcher<Check, CheckResult>, url: string, slot: Flag['slot']) => retried(() => checks.ask({url, slot}, slot !== 'other'));

  /**
   * autoScanPage with the site's cover and avatar: whether to scan on (null if not, else those
   * candidates). Their answers are kept as the check queue's, so the scan that follows marks them
   * and asks them no more.
   */
  async function autoScanOn(): Promise<Candidate[] | null> {
    const found = findFirst();
    const first = found.filter((c) => !asked.has(c.url));
    const checks = first.map((c) => ({url: c.url, slot: c.slot}));
    const answer = await retried(() => call(send, 'autoScanPage', {checks, pageUrl: page, visit}));
    if (!answer?.on) return null;
    first.forEach((c, i) => {
      asked.add(c.url);
      void queue.run(c.url, async () => answer.results[i] ?? null);
    });
    // Its checks started the page in the tab's results, as a checkImages message does.
    if (first.length > 0) started = true;
    return found;
  }

  return async function scan(so: ScanOptions = {}): Promise<number | null> {
    const pageUrl = doc.location.href;
    if (pageUrl !== page) {
      // A different page in the same document (single-page app): old markers describe nothing now.
      markers.clear();
      queue.reset();
      page = pageUrl;
      asked = new Set();
      visit = newVisit();
      batcher = batcherFor(page, visit);
      started = false;
    }
    // An automatic scan's site candidates are not looked up again: the selectors ran once.
    const siteFound = so.auto ? await autoScanOn() : undefined;
    if (siteFound === null || doc.location.href !== page) return null;
    const candidates = find((url) => asked.has(url), siteFound);
    if (so.auto) so.onAutoScanOn?.(candidates);
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
