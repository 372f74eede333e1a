import {describe, expect, it, vi} from 'vitest';
import type {Flag} from '../shared/flag.js';
import {MENU_ID, onMenuClick, type PageChannel} from './context-menu.js';
import type {Services} from './handlers.js';

const flag: Flag = {imageUrl: 'https://pbs.twimg.com/a.jpg', pageUrl: 'https://x.com/a', slot: 'other', meta: {id: 'p'}, score: 0.9, region: [0, 0, 1, 1]};

function setup(match: Flag | null, targetUrl: string | null = null) {
  const services = {
    check: vi.fn(async () => match),
    store: {record: vi.fn(async () => [])},
    tabs: {addResult: vi.fn(async () => undefined)},
    label: (f: Flag) => `label of ${f.meta.id}`,
  } as unknown as Services;
  const page = {contextTarget: vi.fn(async () => targetUrl), showCheck: vi.fn(async () => undefined)} satisfies PageChannel;
  return {services, page};
}
const tab = {id: 5, url: 'https://x.com/a'};

describe('context menu "Check this image"', () => {
  it('checks the clicked image, records the flag and shows it in the page', async () => {
    const {services, page} = setup(flag);
    await onMenuClick({menuItemId: MENU_ID, mediaType: 'image', srcUrl: flag.imageUrl, frameId: 0}, tab, services, page);
    expect(services.check).toHaveBeenCalledWith(flag.imageUrl, 'https://x.com/a', 'other');
    expect(services.store.record).toHaveBeenCalledWith(flag);
    expect(page.showCheck).toHaveBeenCalledWith(5, 0, flag.imageUrl, {flag, label: 'label of p'});
  });
  it('asks the page for a CSS background under the pointer when the menu saw no image', async () => {
    const {services, page} = setup(null, 'https://pbs.twimg.com/bg.jpg');
    await onMenuClick({menuItemId: MENU_ID, frameId: 0}, tab, services, page);
    expect(services.check).toHaveBeenCalledWith('https://pbs.twimg.com/bg.jpg', 'https://x.com/a', 'other');
    expect(services.store.record).not.toHaveBeenCalled();
    expect(page.showCheck).toHaveBeenCalledWith(5, 0, 'https://pbs.twimg.com/bg.jpg', {flag: null});
  });
  it('says there is no image when there is none', async () => {
    const {services, page} = setup(null, null);
    expect(await onMenuClick({menuItemId: MENU_ID}, tab, services, page)).toEqual({error: 'noImageHere'});
    expect(services.check).not.toHaveBeenCalled();
  });
});
