/** History is kept in storage.local: it is still there after the whole browser is closed and reopened. */
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import {startServer, type FixtureServer} from '../../tools/browser/https-server.js';
import {launch, type Launched} from '../../tools/browser/launch.js';
import {fixtureRoutes, SITES} from './site-fixtures.js';
import {poll, waitForMarkers} from './wait.js';

let server: FixtureServer;
let browser: Launched | undefined;

beforeAll(async () => {
  server = await startServer(await fixtureRoutes());
});
afterAll(async () => {
  await browser?.context.close();
  await server?.close();
});

describe('history across a browser restart', () => {
  it('lists the cover flagged before the restart, in a relaunched browser on the same profile', async () => {
    browser = await launch(inject('extensionDir'), server.port);
    const site = await browser.context.newPage();
    await site.goto(SITES[1].pageUrl, {waitUntil: 'load'});
    await waitForMarkers(site);
    const {userDataDir, extensionId} = browser;
    await browser.context.close();

    // Same profile, no site visited: whatever the popup lists was read back from disk.
    browser = await launch(inject('extensionDir'), server.port, {userDataDir});
    expect(browser.extensionId).toBe(extensionId);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/src/ui/popup/index.html?tab=999999`);
    const entry = popup.locator('.history-entry', {hasText: SITES[1].pageUrl});
    await poll(() => entry.count()).toBe(1);
    expect(await entry.textContent()).toContain(SITES[1].photoId);
  });
});
