import {describe, expect, it, vi} from 'vitest';
import type {IndexInfo} from '../../shared/protocol.js';
import {releaseOrigin} from './release-origin.js';

const sub = (id: string, url?: string): IndexInfo => ({id, name: id, source: url ? 'url' : 'file', enabled: true, removable: true, photos: 1, size: 1, loaded: true, url});

describe('releaseOrigin', () => {
  it("gives back the removed subscription's origin when no other subscription uses it", async () => {
    const permissions = {remove: vi.fn(async () => true)};
    expect(await releaseOrigin('https://team.example/idx/a.cliche', [sub('default'), sub('b', 'https://other.example/b.cliche')], permissions)).toBe(true);
    expect(permissions.remove).toHaveBeenCalledWith({origins: ['https://team.example/*']});
  });

  it('keeps the origin while another subscription downloads from it', async () => {
    const permissions = {remove: vi.fn(async () => true)};
    expect(await releaseOrigin('https://team.example/a.cliche', [sub('b', 'https://team.example/b.cliche')], permissions)).toBe(false);
    expect(permissions.remove).not.toHaveBeenCalled();
  });

  it('does nothing for an imported file, and reports a refusal (a required permission) as not released', async () => {
    const permissions = {remove: vi.fn(async (): Promise<boolean> => { throw new Error('You cannot remove required permissions.'); })};
    expect(await releaseOrigin(undefined, [], permissions)).toBe(false);
    expect(permissions.remove).not.toHaveBeenCalled();
    expect(await releaseOrigin('https://pbs.twimg.com/idx.cliche', [], permissions)).toBe(false);
  });
});
