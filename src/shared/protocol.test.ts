import {describe, expect, it} from 'vitest';
import {parseContentMessage, parseMessage, senderKind} from './protocol.js';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('parseMessage', () => {
  it('accepts a well-formed checkImage', () => {
    const msg = {type: 'checkImage', req: {url: 'https://pbs.twimg.com/a.jpg', pageUrl: 'https://x.com/a', slot: 'cover'}};
    expect(parseMessage(msg)).toEqual(msg);
  });
  it.each([
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
