/** Debian's Chromium with the built extension, every host name mapped to the loopback server. */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium, type BrowserContext, type Worker} from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); CLICHE_CHROMIUM overrides the path. */
export const CHROMIUM = process.env.CLICHE_CHROMIUM || '/usr/bin/chromium';

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
}

export interface LaunchOptions {
  /** Reuse a profile (e.g. to relaunch after a browser restart); a fresh one by default. */
  userDataDir?: string;
  /** UI language, as --lang and the LANGUAGE environment variable (what Linux Chromium reads). */
  lang?: string;
  /** False opens a window on $DISPLAY (the demo); true by default. */
  headless?: boolean;
  viewport?: {width: number; height: number};
}

export async function launch(extensionDir: string, port: number, options: LaunchOptions = {}): Promise<Launched> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'cliche-profile-'));
  const headless = options.headless ?? true;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false, // headless via --headless=new below: the old headless mode has no extensions
    ignoreDefaultArgs: ['--disable-extensions'],
    ...(options.viewport ? {viewport: options.viewport} : {}),
    ...(options.lang ? {env: {...process.env, LANGUAGE: options.lang}} : {}),
    args: [
      ...(headless ? ['--headless=new'] : []),
      '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run',
      // Lets tests click the toolbar button through DevTools (Extensions.triggerAction, pipe only).
      '--enable-unsafe-extension-debugging',
      `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
      // Every host, real site or CDN, resolves to the fixture server: nothing leaves the machine.
      `--host-resolver-rules=MAP * 127.0.0.1:${port}`, '--ignore-certificate-errors',
      ...(options.lang ? [`--lang=${options.lang}`] : []),
    ],
    ...(options.lang ? {locale: options.lang} : {}),
  });
  const worker = await serviceWorker(context);
  return {context, extensionId: new URL(worker.url()).host, userDataDir};
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker');
}
