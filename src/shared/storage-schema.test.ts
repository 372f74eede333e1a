import {describe, expect, it} from 'vitest';
import {defaultSettings, migrate, normalizeSettings} from './storage-schema.js';

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
