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
    checkImages: vi.fn(async () => [{flag: null}]),
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

describe('createRouter refuses what a hostile page could send', () => {
  const check = {type: 'checkImage', req: {url: 'https://a.fbcdn.net/c.jpg', pageUrl: content.url, slot: 'cover'}};
  it.each([
    ['a web page (externally_connectable would give no extension id)', {url: 'https://evil.example/', tab: {id: 7}}],
    ['another extension', {id: 'other-extension', url: content.url, tab: {id: 7}}],
    ['our id but neither our page nor a tab', {id: ID, url: 'https://evil.example/'}],
    ['a lookalike extension origin', {id: ID, url: `chrome-extension://${ID}.evil.example/popup.html`}],
  ])('ignores %s', (_name, sender) => {
    const {listen, handlers} = router();
    expect(listen(check, sender as never)).toBeUndefined();
    expect(listen({type: 'getHistory', req: {}}, sender as never)).toBeUndefined();
    expect(handlers.checkImage).not.toHaveBeenCalled();
    expect(handlers.getHistory).not.toHaveBeenCalled();
  });
  it.each(['getHistory', 'clearHistory', 'deleteHistoryEntry', 'setSettings', 'scanTab', 'getTabResults', 'dismissHistoryNotice'])(
    'refuses the popup/options-only request %s from a content script', (type) => {
      const handlers = new Proxy({}, {get: () => vi.fn()}) as unknown as Handlers;
      const listen = createRouter(handlers, {extensionId: ID, extensionOrigin: ORIGIN});
      const req = {key: 'k', settings: {threshold: 0.99}, tabId: 7};
      expect(listen({type, req}, content)).toBeUndefined();
    });
  it.each([
    ['a script URL as the image', {...check.req, url: 'javascript:alert(1)'}],
    ['a data URL as the image', {...check.req, url: 'data:image/png;base64,AAAA'}],
    ['an unknown slot', {...check.req, slot: '<img src=x onerror=alert(1)>'}],
    ['a huge page URL', {...check.req, pageUrl: `https://www.facebook.com/${'a'.repeat(10_000)}`}],
    ['an object as visit id', {...check.req, visit: {toString: 1}}],
    ['a page of another site (history written for it)', {...check.req, pageUrl: 'https://x.com/victim'}],
  ])('drops a checkImage with %s', (_name, req) => {
    const {listen, handlers} = router();
    expect(listen({type: 'checkImage', req}, content)).toBeUndefined();
    expect(handlers.checkImage).not.toHaveBeenCalled();
  });
  it('accepts the same page with another fragment or path of its own site', async () => {
    const {listen, handlers} = router();
    await listen({type: 'checkImage', req: {...check.req, pageUrl: 'https://www.facebook.com/acme/photos#x', visit: 'v1'}}, content);
    expect(handlers.checkImage).toHaveBeenCalledOnce();
  });
  it('takes a batch of checks from a content script for its own page only', async () => {
    const {listen, handlers} = router();
    const batch = (pageUrl: string) => ({type: 'checkImages', req: {checks: [{url: 'https://a.fbcdn.net/c.jpg', slot: 'cover'}], pageUrl, visit: 'v1'}});
    expect(listen(batch('https://x.com/victim'), content)).toBeUndefined();
    expect(handlers.checkImages).not.toHaveBeenCalled();
    await expect(listen(batch(content.url), content)).resolves.toEqual({ok: true, value: [{flag: null}]});
    expect(handlers.checkImages).toHaveBeenCalledWith(expect.anything(), {tabId: 7, frameId: 0});
  });
  it('answers a content script\'s automatic start for its own page only', async () => {
    const {listen, handlers} = router({autoScanPage: vi.fn(async () => ({on: false as const}))});
    const start = (pageUrl: string) => ({type: 'autoScanPage', req: {checks: [], pageUrl, visit: 'v1'}});
    expect(listen(start('https://x.com/victim'), content)).toBeUndefined();
    expect(handlers.autoScanPage).not.toHaveBeenCalled();
    await expect(listen(start(content.url), content)).resolves.toEqual({ok: true, value: {on: false}});
    expect(handlers.autoScanPage).toHaveBeenCalledWith(expect.anything(), {tabId: 7, frameId: 0});
  });
  it('does not take prototype names as message types', () => {
    const {listen} = router();
    for (const type of ['__proto__', 'constructor', 'hasOwnProperty']) expect(listen({type, req: {}}, popup)).toBeUndefined();
  });
});
