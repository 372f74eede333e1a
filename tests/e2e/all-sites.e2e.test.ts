/**
 * The all-sites switch in a real browser, as far as one can go without clicking a permission
 * prompt (native UI in Chromium; Firefox's BiDi refuses to open extension pages): Firefox ESR with
 * `<all_urls>` granted at install flags the cover of a site the manifest does not match, with no
 * toolbar click. The options-page side (request, refusal, removal) is unit-tested with the
 * permissions API faked (src/ui/options/all-sites.test.ts, src/background/all-sites.test.ts).
 */
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {launchFixtureFirefox, type FixtureFirefox} from './firefox-launch.js';
import {OTHER_SITE} from './site-fixtures.js';

let ff: FixtureFirefox;
let grantedDir: string;

beforeAll(async () => {
  // The Firefox build with <all_urls> moved from optional to host_permissions, which Firefox grants
  // at install: the state the switch leaves once the user accepts its prompt.
  grantedDir = join(mkdtempSync(join(tmpdir(), 'cliche-all-sites-')), 'firefox');
  cpSync(inject('firefoxDir'), grantedDir, {recursive: true});
  const manifestPath = join(grantedDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  expect(manifest.optional_host_permissions).toEqual(['<all_urls>']);
  manifest.host_permissions.push('<all_urls>');
  delete manifest.optional_host_permissions;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  ff = await launchFixtureFirefox();
});
afterAll(async () => {
  await ff?.close();
});

describe('all-sites switch (Firefox ESR, permission granted)', () => {
  it('scans a page of another site as it loads and flags its stock photo', async () => {
    await ff.browser.installExtension(grantedDir);
    const page = await ff.browser.newPage();
    await page.goto(OTHER_SITE.pageUrl, {waitUntil: 'load'});
    // The overlay host is made with the first marker: the castle photo was flagged, unprompted.
    await page.waitForSelector('cliche-overlay', {timeout: 30_000});
    // Once by the page, once by the extension's own download (a separate cache partition).
    expect(ff.server.requests.filter((r) => r === OTHER_SITE.imageRequest).length).toBeGreaterThanOrEqual(2);
  });
});
