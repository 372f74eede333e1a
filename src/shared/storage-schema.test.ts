import {describe, expect, it} from 'vitest';
import {defaultSettings, migrate, normalizeSettings, parseHead} from './storage-schema.js';

describe('migrate', () => {
  it('gives defaults for empty storage', () => {
    expect(migrate({})).toEqual({schemaVersion: 1, settings: defaultSettings(), history: []});
  });
  it('drops history entries that do not parse instead of failing', () => {
    const good = {key: 'k', meta: {id: 'a'}, pageUrl: 'p', imageUrl: 'i', lastSeen: 1};
    expect(migrate({history: [good, null, {key: 1}, 'x']}).history).toEqual([good]);
  });
});

describe('normalizeSettings', () => {
  it('clamps numbers, keeps known sites, ignores junk', () => {
    const s = normalizeSettings({threshold: 7, retentionDays: -3, autoScan: {x: false, myspace: true}, evil: 1});
    expect(s.threshold).toBe(0.99);
    expect(s.retentionDays).toBe(1);
    expect(s.autoScan).toMatchObject({x: false, facebook: true});
    expect(Object.keys(s.autoScan)).not.toContain('myspace');
    expect(s).not.toHaveProperty('evil');
  });
});

describe('parseHead', () => {
  const good = {key: 'k', meta: {id: 'a'}, pageUrl: 'p', imageUrl: 'i', lastSeen: 1};
  it('reads a stored head, dropping bad page counts', () => {
    expect(parseHead({count: 3, entries: [good], seen: {a: 2, b: 'x'}})).toEqual({count: 3, entries: [good], seen: {a: 2}});
  });
  it('refuses a missing or damaged head, so the popup waits for the whole history instead', () => {
    for (const raw of [undefined, null, 'x', {count: -1, entries: [], seen: {}}, {count: 1, entries: [good, good], seen: {}},
      {count: 2, entries: [good, {key: 1}], seen: {}}, {count: 1, entries: [good]}]) expect(parseHead(raw)).toBeNull();
  });
});
