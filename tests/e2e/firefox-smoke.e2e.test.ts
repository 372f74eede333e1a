/** Debian's Firefox ESR with the built Firefox extension (WebDriver BiDi install) flags a cover. */
import {afterAll, beforeAll, describe, expect, inject, it} from 'vitest';
import puppeteer, {type Browser} from 'puppeteer-core';
import {startConnectProxy, type ConnectProxy} from '../../tools/browser/connect-proxy.js';
import {startServer, type FixtureServer} from '../../tools/browser/https-server.js';
import {fixtureRoutes, SITES} from './site-fixtures.js';

const FIREFOX = process.env.CLICHE_FIREFOX || '/usr/bin/firefox-esr';

let server: FixtureServer;
let proxy: ConnectProxy;
let browser: Browser;

beforeAll(async () => {
  server = await startServer(await fixtureRoutes());
  proxy = await startConnectProxy(server.server);
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // The fixture certificate is self-signed (and facebook.com is HSTS-preloaded).
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      // Every HTTPS connection, site or CDN, goes through the CONNECT proxy to the fixture server;
      // plain HTTP goes to the same proxy, which refuses it: nothing leaves the machine.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.stricttransportsecurity.preloadlist': false,
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.close();
});

describe('Firefox ESR smoke test', () => {
  it('installs the built extension and marks the stock cover on the Facebook fixture page', async () => {
    const id = await browser.installExtension(inject('firefoxDir'));
    expect(id).toBe('cliche@cliche-extension.org');
    const page = await browser.newPage();
    await page.goto(SITES[0].pageUrl, {waitUntil: 'load'});
    // The overlay host is made with the first marker; its shadow root is closed, so the page (and
    // this test, which sees what the page sees) can tell that a marker is shown but not read it.
    await page.waitForSelector('cliche-overlay', {timeout: 30_000});
    expect(await page.evaluate(() => document.querySelector('cliche-overlay')!.shadowRoot)).toBeNull();
    expect(server.requests).toContain(SITES[0].coverRequest);
  });
});
