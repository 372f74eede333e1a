import {describe, expect, it} from 'vitest';
import type {Flag} from './flag.js';
import {dropOldest, entryKey, pagesSeen, prune, recordFlag, searchHistory} from './history.js';

const DAY = 86_400_000;
const flag = (photo: string, pageUrl: string, score = 0.8): Flag => ({
  imageUrl: `https://cdn.example/${photo}.jpg`,
  pageUrl,
  slot: 'cover',
  meta: {id: `unsplash:${photo}`, library: 'Unsplash', photographer: 'Ana Lima'},
  score,
  region: [0, 0, 10, 10],
});

describe('recordFlag', () => {
  it('keeps one entry per stock photo and page, counting sightings', () => {
    let h = recordFlag([], flag('a', 'https://www.facebook.com/acme'), 1000);
    h = recordFlag(h, flag('a', 'https://www.facebook.com/acme#about', 0.9), 2000);
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({firstSeen: 1000, lastSeen: 2000, timesSeen: 2, score: 0.9});
  });
  it('keeps separate entries for the same photo on different pages, newest first', () => {
    let h = recordFlag([], flag('a', 'https://www.facebook.com/acme'), 1000);
    h = recordFlag(h, flag('a', 'https://x.com/acme'), 2000);
    expect(h.map((e) => e.pageUrl)).toEqual(['https://x.com/acme', 'https://www.facebook.com/acme']);
    expect(pagesSeen(h).get('unsplash:a')).toBe(2);
  });
});

describe('recordFlag with a page visit id', () => {
  it('counts a sighting once per visit, however often the check is retried', () => {
    let h = recordFlag([], flag('a', 'https://x.com/acme'), 1000, 'v1');
    h = recordFlag(h, flag('a', 'https://x.com/acme'), 1500, 'v1');
    h = recordFlag(h, flag('a', 'https://x.com/acme'), 2000, 'v2');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({timesSeen: 2, firstSeen: 1000, lastSeen: 2000, lastVisit: 'v2'});
  });
});

describe('dropOldest', () => {
  it('keeps the most recently seen entries', () => {
    const h = ['a', 'b', 'c'].reduce((acc, id, i) => recordFlag(acc, flag(id, 'https://x.com/1'), i * 10), [] as ReturnType<typeof recordFlag>);
    expect(dropOldest([...h].reverse(), 2).map((e) => e.meta.id)).toEqual(['unsplash:c', 'unsplash:b']);
    expect(dropOldest(h, 0)).toEqual([]);
  });
});

describe('prune', () => {
  it('drops entries older than the retention and beyond the cap', () => {
    const now = 100 * DAY;
    let h = recordFlag([], flag('old', 'https://x.com/1'), now - 31 * DAY);
    h = recordFlag(h, flag('b', 'https://x.com/2'), now - 2 * DAY);
    h = recordFlag(h, flag('c', 'https://x.com/3'), now - DAY);
    expect(prune(h, now, 30).map((e) => e.meta.id)).toEqual(['unsplash:c', 'unsplash:b']);
    expect(prune(h, now, 30, 1).map((e) => e.meta.id)).toEqual(['unsplash:c']);
  });
});

describe('searchHistory', () => {
  const h = [flag('a', 'https://www.facebook.com/bakery'), flag('b', 'https://x.com/garage')].reduce(
    (acc, f, i) => recordFlag(acc, f, i), [] as ReturnType<typeof recordFlag>);
  it('matches every word against page and photo fields, case-insensitively', () => {
    expect(searchHistory(h, 'BAKERY lima').map((e) => e.key)).toEqual([entryKey('unsplash:a', 'https://www.facebook.com/bakery')]);
    expect(searchHistory(h, 'nothing-like-this')).toEqual([]);
  });
  it('filters by library', () => {
    expect(searchHistory(h, '', 'Pexels')).toEqual([]);
    expect(searchHistory(h, '', 'Unsplash')).toHaveLength(2);
  });
});
