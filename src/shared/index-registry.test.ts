import {describe, expect, it} from 'vitest';
import {
  applyOutcome, conditionalHeaders, DEFAULT_INDEX_ID, defaultRecord, enabledSignature, isDue, nameOfUrl, parseSha256,
  parseSubscriptionUrl, removeRecord, RETRY_AFTER_FAILURE_MS, setEnabled, withDefault, type IndexRecord,
} from './index-registry.js';

const DAY = 86_400_000;
const sub = (extra: Partial<IndexRecord> = {}): IndexRecord => ({
  id: 's1', name: 'team.cliche', source: 'url', url: 'https://indexes.example/team.cliche', enabled: true, updateDays: 7,
  bytesKey: 'url-old', photos: 10, size: 1000, updatedAt: 1, etag: '"v1"', lastModified: 'Mon, 02 Nov 2026 10:00:00 GMT', lastCheckedAt: 0, ...extra,
});

describe('index list', () => {
  it('always lists the bundled index first, enabled when nothing is stored', () => {
    expect(withDefault([])).toEqual([defaultRecord()]);
    const stored = [sub(), {...defaultRecord(), enabled: false}];
    expect(withDefault(stored).map((r) => [r.id, r.enabled])).toEqual([[DEFAULT_INDEX_ID, false], ['s1', true]]);
  });
  it('lets the default index be disabled but not removed', () => {
    const list = withDefault([sub()]);
    expect(setEnabled(list, DEFAULT_INDEX_ID, false)[0].enabled).toBe(false);
    expect(() => removeRecord(list, DEFAULT_INDEX_ID)).toThrow(/cannot be removed/);
    expect(removeRecord(list, 's1').map((r) => r.id)).toEqual([DEFAULT_INDEX_ID]);
    expect(() => setEnabled(list, 'nope', true)).toThrow(/no such index/);
  });
  it('changes the matcher signature when the enabled set or an index file changes, not otherwise', () => {
    const list = withDefault([sub()]);
    const sig = enabledSignature(list);
    expect(enabledSignature(setEnabled(list, 's1', true))).toBe(sig);
    expect(enabledSignature(setEnabled(list, 's1', false))).not.toBe(sig);
    expect(enabledSignature([list[0], {...list[1], bytesKey: 'url-new'}])).not.toBe(sig);
  });
});

describe('subscription input', () => {
  it('takes https only, without credentials or fragment', () => {
    expect(parseSubscriptionUrl(' https://indexes.example/a/team.cliche#x ').href).toBe('https://indexes.example/a/team.cliche');
    expect(() => parseSubscriptionUrl('http://indexes.example/team.cliche')).toThrow(/https/);
    expect(() => parseSubscriptionUrl('https://me:pw@indexes.example/x')).toThrow(/password/);
    expect(() => parseSubscriptionUrl('team.cliche')).toThrow(/not a URL/);
    expect(nameOfUrl(new URL('https://indexes.example/a/my%20team.cliche'))).toBe('my team.cliche');
    expect(nameOfUrl(new URL('https://indexes.example/'))).toBe('indexes.example');
  });
  it('normalises an optional SHA-256 and refuses anything else', () => {
    const hex = 'AB'.repeat(32);
    expect(parseSha256(` ${hex.slice(0, 32)} ${hex.slice(32)} `)).toBe('ab'.repeat(32));
    expect(parseSha256('')).toBeUndefined();
    expect(() => parseSha256('abc')).toThrow(/64 hexadecimal/);
  });
});

describe('update schedule', () => {
  it('is due once its period has passed, sooner after a failure', () => {
    expect(isDue(sub({lastCheckedAt: undefined}), 0)).toBe(true);
    expect(isDue(sub({lastCheckedAt: 0}), 7 * DAY - 1)).toBe(false);
    expect(isDue(sub({lastCheckedAt: 0}), 7 * DAY)).toBe(true);
    expect(isDue(sub({lastCheckedAt: 0, updateDays: 1}), DAY)).toBe(true);
    expect(isDue(sub({lastCheckedAt: 0, updateError: 'HTTP 500'}), RETRY_AFTER_FAILURE_MS)).toBe(true);
    expect(isDue({...defaultRecord()}, 10 * DAY)).toBe(false);
    expect(isDue(sub({lastCheckedAt: 0, enabled: false}), 10 * DAY)).toBe(false);
  });
  it('sends the validators of the file in use', () => {
    expect(conditionalHeaders(sub())).toEqual({'If-None-Match': '"v1"', 'If-Modified-Since': 'Mon, 02 Nov 2026 10:00:00 GMT'});
    expect(conditionalHeaders(sub({etag: undefined, lastModified: undefined}))).toEqual({});
  });
});

describe('update outcome', () => {
  it('304 keeps the file and validators, clears an old error', () => {
    const next = applyOutcome(sub({updateError: 'HTTP 500'}), {kind: 'not-modified'}, 5000);
    expect(next).toMatchObject({bytesKey: 'url-old', etag: '"v1"', lastCheckedAt: 5000, updatedAt: 1});
    expect(next.updateError).toBeUndefined();
  });
  it('a failure keeps the previous file and its ETag, and says why', () => {
    const next = applyOutcome(sub(), {kind: 'failed', error: 'index checksum mismatch: the file is corrupted'}, 5000);
    expect(next).toMatchObject({bytesKey: 'url-old', etag: '"v1"', photos: 10, updateError: 'index checksum mismatch: the file is corrupted', lastCheckedAt: 5000});
  });
  it('a verified download switches the file and stores the new validators', () => {
    const next = applyOutcome(sub({updateError: 'x'}), {kind: 'updated', bytesKey: 'url-new', photos: 12, size: 2000, etag: '"v2"'}, 5000);
    expect(next).toMatchObject({bytesKey: 'url-new', photos: 12, size: 2000, etag: '"v2"', updatedAt: 5000, lastCheckedAt: 5000});
    expect(next.lastModified).toBeUndefined();
    expect(next.updateError).toBeUndefined();
  });
});
