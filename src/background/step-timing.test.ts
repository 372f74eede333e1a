import {describe, expect, it} from 'vitest';
import {timedSlices} from './step-timing.js';

describe('timedSlices', () => {
  it('pauses for real only once the time budget is used, and records the longest run between pauses', async () => {
    let clock = 0;
    const pausedAt: number[] = [];
    // 20 slices of 3 ms each: with an 8 ms budget a real pause comes after every third slice.
    const result = await timedSlices('test step', async () => void pausedAt.push(clock), async (pause) => {
      for (let i = 0; i < 20; i++) {
        clock += 3;
        await pause();
      }
      return 'done';
    }, {budgetMs: 8, now: () => clock});
    expect(result).toBe('done');
    expect(pausedAt).toEqual([9, 18, 27, 36, 45, 54]);
    const longest = performance.getEntriesByName('cliche:longest slice test step')[0];
    expect(longest.duration).toBe(9);
    expect(performance.getEntriesByName('cliche:test step')[0].duration).toBe(60);
  });

  it('pauses at every yield when each slice alone fills the budget', async () => {
    let clock = 0;
    let pauses = 0;
    await timedSlices('slow step', async () => void pauses++, async (pause) => {
      for (let i = 0; i < 5; i++) {
        clock += 12;
        await pause();
      }
    }, {budgetMs: 8, now: () => clock});
    expect(pauses).toBe(5);
  });
});
