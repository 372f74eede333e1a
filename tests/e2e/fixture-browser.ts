/** Per-file setup shared by the Chromium suites: the fixture sites' server and the built extension in a browser. */
import {afterAll, beforeAll, inject} from 'vitest';
import {startServer, type FixtureServer, type Route} from '../../tools/browser/https-server.js';
import {launch, type Launched, type LaunchOptions} from '../../tools/browser/launch.js';
import {fixtureRoutes} from './site-fixtures.js';

export interface FixtureBrowser {
  server: FixtureServer;
  browser: Launched;
}

/**
 * Registers beforeAll/afterAll; the returned object is filled once beforeAll has run. `moreRoutes`
 * adds a suite's own pages to the fixture sites.
 */
export function useFixtureBrowser(options: LaunchOptions = {}, moreRoutes?: () => Promise<Map<string, Route>>): FixtureBrowser {
  const env = {} as FixtureBrowser;
  beforeAll(async () => {
    env.server = await startServer(new Map([...await fixtureRoutes(), ...(moreRoutes ? await moreRoutes() : [])]));
    env.browser = await launch(inject('extensionDir'), env.server.port, options);
  });
  afterAll(async () => {
    await env.browser?.context.close();
    await env.server?.close();
  });
  return env;
}
