import {describe, expect, it, vi} from 'vitest';
import {createRouter, type Handlers} from './router.js';

const ID = 'ext-id';
const ORIGIN = `chrome-extension://${ID}/`;
const popup = {id: ID, url: `${ORIGIN}src/ui/popup/index.html`};
const content = {id: ID, url: 'https://www.facebook.com/acme', tab: {id: 7}, frameId: 0};

function router(overrides: Partial<Handlers> = {}) {
  const handlers = {
    getHistory: vi.fn(async () => []),
    clearHistory: vi.fn(async () => []),
    checkImage: vi.fn(async () => ({flag: null})),
    ...overrides,
  } as unknown as Handlers;
  return {handlers, listen: createRouter(handlers, {extensionId: ID, extensionOrigin: ORIGIN})};
}

describe('createRouter', () => {
  it('runs the handler and wraps the answer', async () => {
    const {listen} = router();
    await expect(listen({type: 'getHistory', req: {}}, popup)).resolves.toEqual({ok: true, value: []});
  });
  it('passes the content script its tab and frame', async () => {
    const {listen, handlers} = router();
    await listen({type: 'checkImage', req: {url: 'https://a.fbcdn.net/c.jpg', pageUrl: content.url, slot: 'cover'}}, content);
    expect(handlers.checkImage).toHaveBeenCalledWith(expect.anything(), {tabId: 7, frameId: 0});
  });
  it('does not let a content script (a compromised page) clear the history', () => {
    const {listen, handlers} = router();
    expect(listen({type: 'clearHistory', req: {}}, content)).toBeUndefined();
    expect(handlers.clearHistory).not.toHaveBeenCalled();
  });
  it('ignores other extensions and malformed messages', () => {
    const {listen} = router();
    expect(listen({type: 'getHistory', req: {}}, {...popup, id: 'someone-else'})).toBeUndefined();
    expect(listen({type: 'getHistory'}, popup)).toBeUndefined();
  });
  it('turns handler failures into error replies', async () => {
    const {listen} = router({getHistory: async () => { throw new Error('disk full'); }});
    await expect(listen({type: 'getHistory', req: {}}, popup)).resolves.toEqual({ok: false, error: 'disk full'});
  });
});
