import {describe, expect, it} from 'vitest';
import {FIRST_ROWS, MORE_ROWS, moreRows} from './history-window.js';

describe('history window', () => {
  it('grows by a page of rows up to the last entry, so every entry can be reached by scrolling', () => {
    let drawn = FIRST_ROWS;
    let steps = 0;
    while (drawn < 1000) {
      const next = moreRows(drawn, 1000);
      expect(next).toBeGreaterThan(drawn);
      drawn = next;
      steps++;
    }
    expect(drawn).toBe(1000);
    expect(steps).toBe(Math.ceil((1000 - FIRST_ROWS) / MORE_ROWS));
    expect(moreRows(3, 3)).toBe(3);
  });
});
