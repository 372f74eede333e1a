import {describe, expect, it, vi} from 'vitest';
import {setAllSites, type PermissionsSeam} from './all-sites.js';

/** A browser's permission store: `answer` is what the user clicks in the prompt. */
function fakePermissions(answer: boolean, held = false) {
  const origins = new Set<string>(held ? ['<all_urls>'] : []);
  const listeners = {addListener: vi.fn(), removeListener: vi.fn()};
  const seam: PermissionsSeam = {
    contains: vi.fn(async (p: {origins: string[]}) => p.origins.every((o) => origins.has(o))),
    request: vi.fn(async (p: {origins: string[]}) => {
      if (answer) p.origins.forEach((o) => origins.add(o));
      return answer;
    }),
    remove: vi.fn(async (p: {origins: string[]}) => p.origins.map((o) => origins.delete(o)).every(Boolean)),
    onAdded: listeners,
    onRemoved: listeners,
  };
  return {seam, origins};
}

describe('setAllSites', () => {
  it('asks for <all_urls> when switched on, as the first call (the prompt needs the click)', async () => {
    const {seam, origins} = fakePermissions(true);
    expect(await setAllSites(seam, true)).toBe(true);
    expect(seam.request).toHaveBeenCalledExactlyOnceWith({origins: ['<all_urls>']});
    expect(seam.contains).not.toHaveBeenCalled();
    expect([...origins]).toEqual(['<all_urls>']);
  });

  it('stays off when the user refuses the prompt, or the browser refuses to ask', async () => {
    expect(await setAllSites(fakePermissions(false).seam, true)).toBe(false);
    const {seam} = fakePermissions(true);
    vi.mocked(seam.request).mockRejectedValueOnce(new Error('permissions.request may only be called from a user input handler'));
    expect(await setAllSites(seam, true)).toBe(false);
  });

  it('gives the permission back when switched off, and shows what the browser now holds', async () => {
    const {seam, origins} = fakePermissions(true, true);
    expect(await setAllSites(seam, false)).toBe(false);
    expect(seam.remove).toHaveBeenCalledExactlyOnceWith({origins: ['<all_urls>']});
    expect(origins.size).toBe(0);
    // A browser that refuses to remove it: the switch shows it still on rather than lie.
    const stuck = fakePermissions(true, true);
    vi.mocked(stuck.seam.remove).mockRejectedValueOnce(new Error('You cannot remove required permissions.'));
    expect(await setAllSites(stuck.seam, false)).toBe(true);
  });
});
