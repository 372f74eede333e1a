import {describe, expect, it} from 'vitest';
import {compactNumber} from '../../shared/flag.js';
import {compact, dateTime} from './formats.js';

describe('cached formats', () => {
  it('write what a fresh formatter writes, per locale', () => {
    for (const locale of ['en', 'fr']) {
      for (const n of [950, 2_100_000, 123_456_789]) expect(compact(n, locale)).toBe(compactNumber(n, locale));
      const at = Date.UTC(2026, 10, 26, 9, 5, 7);
      expect(dateTime(at, locale)).toBe(new Date(at).toLocaleString(locale));
    }
    expect(compact(2_100_000, 'fr')).not.toBe(compact(2_100_000, 'en'));
  });
});
