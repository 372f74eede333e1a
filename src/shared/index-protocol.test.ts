/** The index requests of the messaging contract: shapes checked before any handler runs. */
import {describe, expect, it} from 'vitest';
import {keyTime, newBytesKey} from './index-db.js';
import {CONTENT_REQUESTS, parseMessage} from './protocol.js';

const ok = (type: string, req: Record<string, unknown>) => parseMessage({type, req}) !== null;

describe('index requests', () => {
  it('accept well-formed requests', () => {
    expect(ok('importIndex', {stagedKey: 'staged-abc-1', name: 'team.cliche'})).toBe(true);
    expect(ok('subscribeIndex', {url: 'https://indexes.example/team.cliche', updateDays: 7})).toBe(true);
    expect(ok('subscribeIndex', {url: 'https://indexes.example/team.cliche', sha256: 'ab'.repeat(32), updateDays: 1})).toBe(true);
    expect(ok('setIndexEnabled', {id: 'default', enabled: false})).toBe(true);
    expect(ok('setIndexUpdateDays', {id: 'x', days: 30})).toBe(true);
    expect(ok('updateIndex', {id: 'x'})).toBe(true);
    expect(ok('removeIndex', {id: 'x'})).toBe(true);
  });
  it('drop malformed ones', () => {
    expect(ok('subscribeIndex', {url: 'http://indexes.example/team.cliche', updateDays: 7})).toBe(false);
    expect(ok('subscribeIndex', {url: 'https://indexes.example/team.cliche', updateDays: 0})).toBe(false);
    expect(ok('subscribeIndex', {url: 'https://indexes.example/team.cliche', updateDays: 2.5})).toBe(false);
    expect(ok('setIndexEnabled', {id: 'default', enabled: 'no'})).toBe(false);
    expect(ok('importIndex', {stagedKey: 'x'.repeat(200), name: 'a'})).toBe(false);
    expect(ok('removeIndex', {})).toBe(false);
  });
  it('are not open to content scripts', () => {
    for (const type of ['importIndex', 'subscribeIndex', 'setIndexEnabled', 'setIndexUpdateDays', 'updateIndex', 'removeIndex'] as const) {
      expect(CONTENT_REQUESTS.has(type)).toBe(false);
    }
  });
});

describe('stored bytes keys', () => {
  it('carry their creation time, so orphans can be aged without reading them', () => {
    expect(keyTime(newBytesKey('staged', 1_790_000_000_000))).toBe(1_790_000_000_000);
    expect(keyTime('garbage')).toBe(0);
  });
});
