import {describe, expect, it} from 'vitest';
import type {Candidate} from './finders/finder.js';
import {MAX_CHECKS_PER_MESSAGE} from '../shared/protocol.js';
import {CONCURRENCY} from './check-queue.js';
import {ATTEMPTS, createScanner, MAX_CHECKS_PER_PAGE, newVisitId} from './scanner.js';

type Sent = {type: string; req: {url?: string; visit?: string; pageUrl?: string}};
type Batch = {type: string; req: {checks: {url: string; slot: string}[]; visit?: string; pageUrl: string}};

/**
 * A page with `urls` as candidates (`slot` for each), and a background that answers each check
 * through `answer` (an Error loses the whole message, as a stopped worker does).
 */
function setup(urls: () => string[], answer: (m: Sent, n: number) => unknown = () => ({ok: true, value: {flag: null}}), slot = (_url: string): Candidate['slot'] => 'other', autoScanOn = true) {
  const doc = {location: {href: 'https://www.facebook.com/acme'}} as unknown as Document;
  const sent: Sent[] = [];
  const messages: Batch[] = [];
  /** autoScanPage messages: the site's first checks, with the question whether to scan on. */
  const gates: Batch[] = [];
  const started: string[] = [];
  const send = async (m: unknown) => {
    const msg = m as Batch;
    if (msg.type === 'pageScanStarted') {
      started.push(msg.req.pageUrl);
      return {ok: true, value: null};
    }
    (msg.type === 'autoScanPage' ? gates : messages).push(msg);
    if (msg.type === 'autoScanPage' && !autoScanOn) return {ok: true, value: {on: false}};
    const answers = msg.req.checks.map((c) => {
      const one = {type: 'checkImage', req: {url: c.url, visit: msg.req.visit, pageUrl: msg.req.pageUrl}};
      sent.push(one);
      return answer(one, sent.filter((s) => s.req.url === c.url).length);
    });
    const lost = answers.find((a) => a instanceof Error);
    if (lost) throw lost;
    const results = answers.map((a) => (a as {value: unknown}).value);
    return {ok: true, value: msg.type === 'autoScanPage' ? {on: true, results} : results};
  };
  const el = {isConnected: true} as unknown as Element;
  /** What each scan's find() was handed as the site finder's candidates. */
  const siteFoundGiven: (Candidate[] | undefined)[] = [];
  const find = (_known?: unknown, siteFound?: Candidate[]) => {
    siteFoundGiven.push(siteFound);
    return urls().map((url): Candidate => ({el, url, slot: slot(url)}));
  };
  const findFirst = () => urls().map((url): Candidate => ({el, url, slot: slot(url)})).filter((c) => c.slot !== 'other');
  let visits = 0;
  const marked: string[] = [];
  const scan = createScanner(doc, 'facebook', send, {add: (_el, f) => void marked.push(f.imageUrl), clear: () => void marked.splice(0)},
    {find, findFirst, wait: async () => undefined, newVisit: () => `visit-${++visits}`});
  return {doc, sent, messages, gates, started, scan, marked, siteFoundGiven, checks: () => sent};
}

const flagged = (url: string) => ({ok: true, value: {flag: {imageUrl: url, pageUrl: 'p', slot: 'other', meta: {id: 'x'}, score: 1, region: [0, 0, 1, 1]}}});

describe('scanner', () => {
  it('asks again, in the same visit, when the worker stopped before answering', async () => {
    const lost = new Error('The message port closed before a response was received.');
    const s = setup(() => ['https://cdn/a'], (m, n) => (n === 1 ? lost : flagged(m.req.url!)));
    await s.scan();
    expect(s.checks().map((m) => m.req.visit)).toEqual(['visit-1', 'visit-1']);
    expect(s.marked).toEqual(['https://cdn/a']);
  });
  it('gives up after a few tries without an answer', async () => {
    const s = setup(() => ['https://cdn/a'], () => new Error('no worker'));
    await s.scan();
    expect(s.checks()).toHaveLength(ATTEMPTS);
    expect(s.marked).toEqual([]);
  });
  it('asks about each URL once per page visit, and again on a new page', async () => {
    const s = setup(() => ['https://cdn/a', 'https://cdn/b']);
    await s.scan();
    await s.scan();
    expect(s.checks()).toHaveLength(2);
    (s.doc.location as {href: string}).href = 'https://www.facebook.com/other';
    await s.scan();
    expect(s.checks().map((m) => m.req.visit)).toEqual(['visit-1', 'visit-1', 'visit-2', 'visit-2']);
  });
  it('stops asking at the per-visit bound however many images a feed brings', async () => {
    let shown = 0;
    const s = setup(() => Array.from({length: (shown += 120)}, (_, i) => `https://cdn/${i}`));
    for (let i = 0; i < 5; i++) await s.scan();
    expect(s.checks()).toHaveLength(MAX_CHECKS_PER_PAGE);
    expect(new Set(s.checks().map((m) => m.req.url)).size).toBe(MAX_CHECKS_PER_PAGE);
  });
  it('sends the checks of a scan together, at most the queue limit per message, a cover on its own', async () => {
    const urls = ['https://cdn/cover', ...Array.from({length: 20}, (_, i) => `https://cdn/${i}`)];
    const s = setup(() => urls, (m) => flagged(m.req.url!), (url) => (url.endsWith('cover') ? 'cover' : 'other'));
    await s.scan();
    expect(s.checks()).toHaveLength(21);
    expect(s.messages[0].req.checks).toEqual([{url: 'https://cdn/cover', slot: 'cover'}]);
    expect(Math.max(...s.messages.map((m) => m.req.checks.length))).toBeLessThanOrEqual(CONCURRENCY);
    // The cover on its own, then the 20 others together: 2 messages, not 21.
    expect(s.messages.map((m) => m.req.checks.length)).toEqual([1, 20]);
    expect(s.marked).toHaveLength(21);
  });
  it('tells the background of a new page only when it has nothing to check (checks start it otherwise)', async () => {
    let urls: string[] = [];
    const s = setup(() => urls);
    await s.scan();
    await s.scan();
    expect(s.started).toEqual(['https://www.facebook.com/acme']);
    (s.doc.location as {href: string}).href = 'https://www.facebook.com/other';
    urls = ['https://cdn/a'];
    await s.scan();
    expect(s.started).toHaveLength(1);
    expect(s.messages.map((m) => m.req.pageUrl)).toEqual(['https://www.facebook.com/other']);
  });
  it('never sends more checks in one message than the background accepts', () => {
    expect(CONCURRENCY).toBeLessThanOrEqual(MAX_CHECKS_PER_MESSAGE);
  });
  it('visit ids are random and short enough for the protocol', () => {
    expect(newVisitId()).toMatch(/^[0-9a-f]{24}$/);
    expect(newVisitId()).not.toBe(newVisitId());
  });
});

describe('automatic scan of a supported site', () => {
  const urls = () => ['https://cdn/cover', 'https://cdn/avatar', ...Array.from({length: 20}, (_, i) => `https://cdn/${i}`)];
  const slotOf = (url: string): Candidate['slot'] => (url.endsWith('cover') ? 'cover' : url.endsWith('avatar') ? 'avatar' : 'other');

  it('asks with the cover and avatar whether the site is scanned, and looks no further when it is not', async () => {
    let on = 0;
    const s = setup(urls, (m) => flagged(m.req.url!), slotOf, false);
    expect(await s.scan({auto: true, onAutoScanOn: () => void on++})).toBeNull();
    expect(s.gates.map((g) => g.req.checks)).toEqual([[{url: 'https://cdn/cover', slot: 'cover'}, {url: 'https://cdn/avatar', slot: 'avatar'}]]);
    expect(s.messages).toEqual([]);
    expect(s.started).toEqual([]);
    expect([on, s.marked.length]).toEqual([0, 0]);
  });
  it('when it is, marks the cover and avatar from that answer and asks the rest of the page without them', async () => {
    let on = 0;
    const s = setup(urls, (m) => flagged(m.req.url!), slotOf);
    expect(await s.scan({auto: true, onAutoScanOn: () => void on++})).toBe(22);
    expect(s.gates).toHaveLength(1);
    expect(s.messages.map((m) => m.req.checks.length)).toEqual([20]);
    expect(s.messages[0].req.checks.map((c) => c.slot)).not.toContain('cover');
    expect([...s.gates, ...s.messages].map((m) => m.req.visit)).toEqual(['visit-1', 'visit-1']);
    expect(s.checks()).toHaveLength(22);
    expect(new Set(s.marked).size).toBe(22);
    expect(on).toBe(1);
    // The site finder ran once: its candidates went to the rest of the scan.
    expect(s.siteFoundGiven[0]?.map((c) => c.url)).toEqual(['https://cdn/cover', 'https://cdn/avatar']);
    // A rescan asks only what is new, the cover included.
    await s.scan();
    expect(s.checks()).toHaveLength(22);
  });
  it('asks again when the answer was lost (worker stopped), in the same visit', async () => {
    const lost = new Error('The message port closed before a response was received.');
    const s = setup(urls, (m, n) => (n === 1 && m.req.url === 'https://cdn/cover' ? lost : flagged(m.req.url!)), slotOf);
    expect(await s.scan({auto: true})).toBe(22);
    expect(s.gates.map((g) => g.req.visit)).toEqual(['visit-1', 'visit-1']);
    expect(s.marked).toContain('https://cdn/cover');
  });
  it('tells the background of a new page when neither it nor the site finder has anything to check', async () => {
    const s = setup(() => [], undefined, slotOf);
    expect(await s.scan({auto: true})).toBe(0);
    expect(s.gates.map((g) => g.req.checks)).toEqual([[]]);
    expect(s.started).toEqual(['https://www.facebook.com/acme']);
  });
});
