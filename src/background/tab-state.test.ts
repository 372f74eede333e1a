import {describe, expect, it} from 'vitest';
import type {Flag} from '../shared/flag.js';
import {createTabState} from './tab-state.js';

const flag = (n: number): Flag => ({imageUrl: `https://cdn.example/${n}.jpg`, pageUrl: 'https://x.com/a', slot: 'other', meta: {id: `p${n}`}, score: 0.9, region: [0, 0, 1, 1]});

function fakes() {
  const badges = new Map<number, string>();
  const data: Record<string, unknown> = {};
  const session = {get: async (k: string) => ({[k]: structuredClone(data[k])}), set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items))};
  return {badges, session, deps: {setBadge: async (tabId: number, text: string) => void badges.set(tabId, text), session}};
}

describe('tab state and badge', () => {
  it('counts flagged images, with no badge text when there are none', async () => {
    const {badges, deps} = fakes();
    const tabs = createTabState(deps);
    await tabs.addResult(1, 'https://x.com/a', null);
    expect(badges.get(1)).toBe('');
    await tabs.addResult(1, 'https://x.com/a', flag(1));
    await tabs.addResult(1, 'https://x.com/a', flag(1));
    await tabs.addResult(1, 'https://x.com/a', flag(2));
    expect(badges.get(1)).toBe('2');
    expect((await tabs.get(1)).checked).toBe(4);
  });
  it('starts over when the tab shows another page', async () => {
    const {badges, deps} = fakes();
    const tabs = createTabState(deps);
    await tabs.addResult(1, 'https://x.com/a', flag(1));
    await tabs.startPage(1, 'https://x.com/b');
    expect(badges.get(1)).toBe('');
    expect((await tabs.get(1)).flags).toEqual([]);
  });
  it('a restarted worker gets the results back from session storage', async () => {
    const {deps} = fakes();
    await createTabState(deps).addResult(4, 'https://x.com/a', flag(1));
    const restarted = createTabState(deps);
    expect((await restarted.get(4)).flags.map((f) => f.meta.id)).toEqual(['p1']);
  });
});
