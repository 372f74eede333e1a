import {describe, expect, it} from 'vitest';
import {historyHead, pagesSeen} from '../../shared/history.js';
import type {HistoryEntry} from '../../shared/storage-schema.js';
import {listed, seenOf} from './history-view.js';

const entry = (i: number, library = 'Unsplash', page = `https://x.com/p${i}`): HistoryEntry =>
  ({key: `s${i} ${page}`, meta: {id: `s${i % 5}`, library}, score: 0.9, imageUrl: `https://c/${i}`, pageUrl: page, slot: 'cover', firstSeen: i, lastSeen: 100 - i, timesSeen: 1});
const history = Array.from({length: 30}, (_, i) => entry(i, i % 2 ? 'Pexels' : 'Unsplash'));
const head = historyHead(history);

describe('history view before and after the whole history is read', () => {
  it('lists the head first, then every entry', () => {
    expect(listed(head, null, '', '')).toEqual(history.slice(0, head.entries.length));
    expect(listed(head, history, '', '')).toBe(history);
  });
  it('lists no partial result for a search or filter before the whole history is read', () => {
    expect(listed(head, null, 'p29', '')).toEqual([]);
    expect(listed(head, null, '', 'Pexels')).toEqual([]);
    // Once read, the search covers entries the head does not hold.
    expect(listed(head, history, 'p29', '').map((e) => e.imageUrl)).toEqual(['https://c/29']);
    expect(listed(head, history, '', 'Pexels')).toHaveLength(15);
  });
  it('gives the head photos the page counts of the whole history', () => {
    const before = seenOf(head, null, pagesSeen);
    const after = seenOf(head, history, pagesSeen);
    for (const e of head.entries) expect(before.get(e.meta.id)).toBe(after.get(e.meta.id));
    expect(after.get('s0')).toBe(6);
  });
});
