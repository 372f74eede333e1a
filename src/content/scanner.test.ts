import {describe, expect, it} from 'vitest';
import type {Candidate} from './finders/finder.js';
import {ATTEMPTS, createScanner, MAX_CHECKS_PER_PAGE, newVisitId} from './scanner.js';

type Sent = {type: string; req: {url?: string; visit?: string; pageUrl?: string}};

/** A page with `urls` as candidates, and a background that answers through `answer`. */
function setup(urls: () => string[], answer: (m: Sent, n: number) => unknown = () => ({ok: true, value: {flag: null}})) {
  const doc = {location: {href: 'https://www.facebook.com/acme'}} as unknown as Document;
  const sent: Sent[] = [];
  const send = async (m: unknown) => {
    sent.push(m as Sent);
    const r = answer(m as Sent, sent.filter((s) => s.req.url === (m as Sent).req.url).length);
    if (r instanceof Error) throw r;
    return (m as Sent).type === 'pageScanStarted' ? {ok: true, value: null} : r;
  };
  const el = {isConnected: true} as unknown as Element;
  const find = () => urls().map((url): Candidate => ({el, url, slot: 'other'}));
  let visits = 0;
  const marked: string[] = [];
  const scan = createScanner(doc, 'facebook', send, {add: (_el, f) => void marked.push(f.imageUrl), clear: () => void marked.splice(0)},
    {find, wait: async () => undefined, newVisit: () => `visit-${++visits}`});
  return {doc, sent, scan, marked, checks: () => sent.filter((m) => m.type === 'checkImage')};
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
  it('visit ids are random and short enough for the protocol', () => {
    expect(newVisitId()).toMatch(/^[0-9a-f]{24}$/);
    expect(newVisitId()).not.toBe(newVisitId());
  });
});
