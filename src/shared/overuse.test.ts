import {describe, expect, it} from 'vitest';
import {libraryPart, localPart, overuseLabel, overuseScore} from './overuse.js';

describe('overuse score', () => {
  it('rates library popularity on a log scale from the larger of downloads and views', () => {
    expect(libraryPart({downloads: 1_000})).toBe(0);
    expect(libraryPart({downloads: 100_000})).toBeCloseTo(0.5);
    expect(libraryPart({downloads: 50_000_000})).toBe(1);
    expect(libraryPart({views: 1_000_000})).toBeCloseTo(0.5);
    expect(libraryPart({downloads: 10_000, views: 100_000_000})).toBe(1);
    expect(libraryPart({downloads: 0})).toBe(0);
    expect(libraryPart({})).toBeNull();
  });
  it('rates local sightings by distinct pages, doubling per step', () => {
    expect([1, 2, 4, 8, 16, 100].map(localPart)).toEqual([0, 0.25, 0.5, 0.75, 1, 1]);
    expect(localPart(0)).toBe(0);
  });
  it('combines both so that either alone can reach the top and together they add up', () => {
    expect(overuseScore({downloads: 10_000_000}, 1)).toMatchObject({score: 100, label: 'heavy'});
    expect(overuseScore({}, 16)).toMatchObject({score: 100, label: 'heavy', library: null});
    expect(overuseScore({downloads: 100_000}, 1)).toMatchObject({score: 50, label: 'over'});
    // 1 - 0.5 x 0.75 = 0.625
    expect(overuseScore({downloads: 100_000}, 2).score).toBe(63);
    expect(overuseScore({}, 2)).toMatchObject({score: 25, label: 'moderate'});
    expect(overuseScore({downloads: 2_000}, 1)).toMatchObject({score: 8, label: 'low'});
  });
  it('the e2e fixture photo (2.1M downloads, 35M views) seen once is heavily overused', () => {
    expect(overuseScore({downloads: 2_100_000, views: 35_000_000}, 1)).toMatchObject({score: 89, label: 'heavy'});
  });
  it('labels at the documented boundaries', () => {
    expect([0, 24, 25, 49, 50, 74, 75, 100].map(overuseLabel)).toEqual(['low', 'low', 'moderate', 'moderate', 'over', 'over', 'heavy', 'heavy']);
  });
});
