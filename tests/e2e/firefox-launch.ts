/** Debian's Firefox ESR for the e2e suite: puppeteer-core over WebDriver BiDi, every connection to the fixture server. */
import puppeteer, {type Browser} from 'puppeteer-core';
import {startConnectProxy, type ConnectProxy} from '../../tools/browser/connect-proxy.js';
import {startServer, type FixtureServer} from '../../tools/browser/https-server.js';
import {fixtureRoutes} from './site-fixtures.js';

export const FIREFOX = process.env.CLICHE_FIREFOX || '/usr/bin/firefox-esr';

export interface FixtureFirefox {
  server: FixtureServer;
  proxy: ConnectProxy;
  browser: Browser;
  close(): Promise<void>;
}

/** `prefs` are added to the fixture network prefs (e.g. privacy.resistFingerprinting); `args` to Firefox's command line. */
export async function launchFixtureFirefox(prefs: Record<string, unknown> = {}, args: string[] = []): Promise<FixtureFirefox> {
  const server = await startServer(await fixtureRoutes());
  const proxy = await startConnectProxy(server.server);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args,
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
      ...prefs,
    },
  });
  return {
    server,
    proxy,
    browser,
    async close() {
      await browser.close();
      await proxy.close();
      await server.close();
    },
  };
}
