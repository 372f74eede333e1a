import {describe, expect, it} from 'vitest';
import {absolute, cssUrl, largestFromSrcset, resolvedHttpUrl} from './image-url.js';

const BASE = 'https://www.youtube.com/@acme';

describe('largestFromSrcset', () => {
  it('takes the widest candidate, resolved against the page', () => {
    expect(largestFromSrcset('/b=w1060 1060w, /b=w2120 2120w, /b=w1707 1707w', BASE)).toBe('https://www.youtube.com/b=w2120');
  });
  it('handles density descriptors, bare URLs and commas inside URLs', () => {
    expect(largestFromSrcset('https://a/x.jpg, https://a/y,z.jpg 2x', BASE)).toBe('https://a/y,z.jpg');
    expect(largestFromSrcset('https://a/only.jpg', BASE)).toBe('https://a/only.jpg');
  });
  it('refuses non-http schemes', () => {
    expect(largestFromSrcset('javascript:alert(1) 2x', BASE)).toBeNull();
  });
});

describe('cssUrl', () => {
  it('reads quoted and unquoted urls, first layer only', () => {
    expect(cssUrl('url("https://pbs.twimg.com/profile_banners/1/1500x500")', BASE)).toBe('https://pbs.twimg.com/profile_banners/1/1500x500');
    expect(cssUrl("url('/a.jpg'), url(/b.jpg)", BASE)).toBe('https://www.youtube.com/a.jpg');
    expect(cssUrl('linear-gradient(red, blue)', BASE)).toBeNull();
    expect(cssUrl('url("data:image/png;base64,AAAA")', BASE)).toBeNull();
  });
});

describe('resolvedHttpUrl', () => {
  it('gives what absolute() gives for any URL the browser has resolved', () => {
    const inputs = ['https://scontent.xx.fbcdn.net/v/p.jpg?a=1&b=2', 'http://a/b c.jpg', '/rel/../x.jpg', 'x.jpg', 'HTTPS://A/B.JPG',
      'https://0x7f.1/x', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'blob:https://a/1', 'ftp://a/x.jpg'];
    for (const input of inputs) {
      const resolved = new URL(input, BASE).href; // what currentSrc holds
      expect(resolvedHttpUrl(resolved), input).toBe(absolute(resolved, BASE));
    }
  });
});
