/**
 * Chrome's build where canvas readback is not exact (forced at build time: Chromium itself reads
 * back exactly): its service worker cannot load the WASM decoders (only the core's own small
 * modules, bundled as bytes), so each image gets a clear
 * error instead of a fingerprint of untrustworthy pixels, and nothing else breaks.
 */
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NO_WASM_IN_CHROME} from '../../src/background/image-decode.js';
import {startServer, type FixtureServer} from '../../tools/browser/https-server.js';
import {launch, serviceWorker, type Launched} from '../../tools/browser/launch.js';
import {tabOf} from './extension-state.js';
import {buildFixtureExtension} from './fixture-build.js';
import {fixtureRoutes, SITES} from './site-fixtures.js';

let server: FixtureServer;
let browser: Launched;
let dir: string;

beforeAll(async () => {
  dir = await buildFixtureExtension('chrome', {VITE_CLICHE_FORCE_WASM_DECODE: '1'});
  server = await startServer(await fixtureRoutes());
  browser = await launch(dir, server.port);
});
afterAll(async () => {
  await browser?.context.close();
  await server?.close();
});

describe('Chrome build, canvas readback not exact', () => {
  it('ships no WASM decoders, and answers each image with the reason instead of a guess', async () => {
    expect(readdirSync(join(dir, 'assets')).filter((f) => /\.wasm$|wasm-fallback/.test(f))).toEqual([]);
    const page = await browser.context.newPage();
    await page.goto(SITES[0].pageUrl, {waitUntil: 'load'});
    const {tabId} = await tabOf(browser.context, SITES[0].pageUrl);
    const srcUrl = `https://${SITES[0].coverRequest}`;
    const answer = await (await serviceWorker(browser.context)).evaluate(([tabId, srcUrl, pageUrl]) =>
      (globalThis as any).clicheTest.menuClick({menuItemId: 'cliche-check-image', mediaType: 'image', srcUrl, frameId: 0, pageUrl}, {id: tabId, url: pageUrl}),
    [tabId, srcUrl, SITES[0].pageUrl] as const);
    expect(answer).toEqual({error: NO_WASM_IN_CHROME});
  });
});
