import {describe, expect, it} from 'vitest';
import {MAX_CHECKS_PER_MESSAGE, parseContentMessage, parseMessage, senderKind} from './protocol.js';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('parseMessage', () => {
  it('accepts a well-formed checkImage', () => {
    const msg = {type: 'checkImage', req: {url: 'https://pbs.twimg.com/a.jpg', pageUrl: 'https://x.com/a', slot: 'cover'}};
    expect(parseMessage(msg)).toEqual(msg);
  });
  it('accepts a batch of checks for one page, within the per-message bound', () => {
    const msg = {type: 'checkImages', req: {checks: [{url: 'https://pbs.twimg.com/a.jpg', slot: 'cover'}, {url: 'https://pbs.twimg.com/b.jpg', slot: 'other'}], pageUrl: 'https://x.com/a', visit: 'v1'}};
    expect(parseMessage(msg)).toEqual(msg);
  });
  it('accepts a page\'s automatic start with its cover, or with nothing to check yet', () => {
    const msg = {type: 'autoScanPage', req: {checks: [{url: 'https://pbs.twimg.com/a.jpg', slot: 'cover'}], pageUrl: 'https://x.com/a', visit: 'v1'}};
    expect(parseMessage(msg)).toEqual(msg);
    expect(parseMessage({type: 'autoScanPage', req: {checks: [], pageUrl: 'https://x.com/a'}})).not.toBeNull();
  });
  it.each([
    ['non-http URL in an automatic start', {type: 'autoScanPage', req: {checks: [{url: 'data:image/png;base64,AA', slot: 'cover'}], pageUrl: 'x'}}],
    ['automatic start over the bound', {type: 'autoScanPage', req: {checks: Array.from({length: MAX_CHECKS_PER_MESSAGE + 1}, (_, i) => ({url: `https://a/${i}.jpg`, slot: 'cover'})), pageUrl: 'x'}}],
    ['automatic start without its page', {type: 'autoScanPage', req: {checks: []}}],
    ['empty batch', {type: 'checkImages', req: {checks: [], pageUrl: 'x'}}],
    ['batch over the bound', {type: 'checkImages', req: {checks: Array.from({length: MAX_CHECKS_PER_MESSAGE + 1}, (_, i) => ({url: `https://a/${i}.jpg`, slot: 'other'})), pageUrl: 'x'}}],
    ['non-http URL in a batch', {type: 'checkImages', req: {checks: [{url: 'https://a/1.jpg', slot: 'other'}, {url: 'javascript:alert(1)', slot: 'other'}], pageUrl: 'x'}}],
    ['bad slot in a batch', {type: 'checkImages', req: {checks: [{url: 'https://a/1.jpg', slot: 'banner'}], pageUrl: 'x'}}],
    ['batch not an array', {type: 'checkImages', req: {checks: {url: 'https://a/1.jpg', slot: 'other'}, pageUrl: 'x'}}],
    ['batch without its page', {type: 'checkImages', req: {checks: [{url: 'https://a/1.jpg', slot: 'other'}]}}],
    ['unknown type', {type: 'eval', req: {}}],
    ['prototype key as type', {type: 'toString', req: {}}],
    ['non-http image URL', {type: 'checkImage', req: {url: 'file:///etc/passwd', pageUrl: 'x', slot: 'cover'}}],
    ['bad slot', {type: 'checkImage', req: {url: 'https://a/b.jpg', pageUrl: 'x', slot: 'banner'}}],
    ['negative tab id', {type: 'getTabResults', req: {tabId: -1}}],
    ['missing req', {type: 'getHistory'}],
    ['not an object', 'checkImage'],
  ])('rejects %s', (_name, msg) => {
    expect(parseMessage(msg)).toBeNull();
  });
  it('content messages have their own vocabulary', () => {
    expect(parseContentMessage({type: 'scanNow', req: {}})).not.toBeNull();
    expect(parseContentMessage({type: 'checkImage', req: {}})).toBeNull();
  });
});

describe('senderKind', () => {
  it('tells our pages from our content scripts', () => {
    expect(senderKind({id: ID, url: `${ORIGIN}src/ui/popup/index.html`}, ID, ORIGIN)).toBe('page');
    // The options page opened in a tab has a tab, but it is still our page.
    expect(senderKind({id: ID, url: `${ORIGIN}src/ui/options/index.html`, tab: {id: 3}}, ID, ORIGIN)).toBe('page');
    expect(senderKind({id: ID, url: 'https://www.facebook.com/acme', tab: {id: 3}}, ID, ORIGIN)).toBe('content');
  });
  it('refuses other extensions and tabless strangers', () => {
    expect(senderKind({id: 'other', url: `${ORIGIN}x.html`}, ID, ORIGIN)).toBeNull();
    expect(senderKind({id: ID, url: 'https://evil.example/'}, ID, ORIGIN)).toBeNull();
  });
});
