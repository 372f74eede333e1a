/**
 * The browser's own promise-based extension API: `browser` in Firefox, `chrome` in Chromium's
 * Manifest V3. For the pages where webextension-polyfill's start-up cost counts (the content
 * script, the popup); everything else goes through browser.ts.
 */
type Api = {runtime?: {id?: string}};

export function nativeApi<T>(g: {browser?: T; chrome?: T} = globalThis as never): T {
  // `browser` only when it is a live extension API (with our id): otherwise Chromium's `chrome`.
  return ((g.browser as Api | undefined)?.runtime?.id ? g.browser : g.chrome) as T;
}
