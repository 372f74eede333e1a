import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {SITE_HOSTS, SITE_IDS, siteOf} from './sites.js';

const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));

describe('sites', () => {
  it('maps page URLs to sites', () => {
    expect(siteOf('https://www.facebook.com/acme')).toBe('facebook');
    expect(siteOf('https://twitter.com/acme')).toBe('x');
    expect(siteOf('https://facebook.com.evil.example/')).toBeNull();
    expect(siteOf('not a url')).toBeNull();
  });
  it('every site host is a content-script match and a host permission in manifest.json', () => {
    const matches: string[] = manifest.content_scripts.flatMap((c: {matches: string[]}) => c.matches);
    for (const id of SITE_IDS) for (const host of SITE_HOSTS[id]) {
      expect(matches).toContain(`https://${host}/*`);
      expect(manifest.host_permissions).toContain(`https://${host}/*`);
    }
  });
});
