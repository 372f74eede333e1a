/**
 * Firefox ESR with privacy.resistFingerprinting: the stock cover is still flagged, and a build that
 * must decode with WASM (canvas path switched off at build time) flags it too.
 */
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import type {Page} from 'puppeteer-core';
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {PROBE_SIDE, probeColour, readbackIsExact} from '../../src/background/canvas-readback.js';
import {buildFixtureExtension} from './fixture-build.js';
import {launchFixtureFirefox, type FixtureFirefox} from './firefox-launch.js';
import {SITES} from './site-fixtures.js';

const GECKO_ID = 'cliche@cliche-extension.org';

let ff: FixtureFirefox;
let forcedDir: string;

beforeAll(async () => {
  // The Firefox build with the fixture index and VITE_CLICHE_FORCE_WASM_DECODE=1 (test builds only).
  forcedDir = await buildFixtureExtension('firefox', {VITE_CLICHE_FORCE_WASM_DECODE: '1'});
  ff = await launchFixtureFirefox({'privacy.resistFingerprinting': true});
});
afterAll(async () => {
  await ff?.close();
});

/** The background's own probe, run in a page: the function's source with the two names it uses. */
async function probeIn(page: Page): Promise<boolean> {
  const source = `const PROBE_SIDE = ${PROBE_SIDE}; const probeColour = ${probeColour}; return (${readbackIsExact})();`;
  return page.evaluate((body) => new Function(body)() as boolean, source);
}

async function coverFlagged(page: Page): Promise<void> {
  await page.goto(SITES[0].pageUrl, {waitUntil: 'load'});
  // The overlay host is made with the first marker: a flagged image, never an error.
  await page.waitForSelector('cliche-overlay', {timeout: 30_000});
}

describe('Firefox ESR with privacy.resistFingerprinting', () => {
  it('randomizes canvas readback in web pages, and the probe says so', async () => {
    const page = await ff.browser.newPage();
    await page.goto(SITES[0].pageUrl, {waitUntil: 'load'});
    expect(await probeIn(page)).toBe(false);
    await page.close();
  });

  it('still flags the stock cover with the normal build', async () => {
    expect(await ff.browser.installExtension(inject('firefoxDir'))).toBe(GECKO_ID);
    const page = await ff.browser.newPage();
    await coverFlagged(page);
    await page.close();
    await ff.browser.uninstallExtension(GECKO_ID);
  });

  it('flags it with the WASM decoder alone (canvas path off), from the build\'s own .wasm files', async () => {
    expect(readdirSync(join(forcedDir, 'assets')).filter((f) => f.endsWith('.wasm'))).toHaveLength(3);
    expect(await ff.browser.installExtension(forcedDir)).toBe(GECKO_ID);
    const before = ff.server.requests.length;
    const page = await ff.browser.newPage();
    await coverFlagged(page);
    // Nothing but the page and its images went out: the decoders came from the extension.
    expect(ff.server.requests.slice(before).filter((r) => /wasm|jsquash/i.test(r))).toEqual([]);
    await page.close();
  });
});
