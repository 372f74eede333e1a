/**
 * The content script's seam to the extension API: the browser's own promise-based API (`browser` in
 * Firefox, `chrome` in Chromium MV3), not webextension-polyfill. In a page the polyfill cost more
 * than the rest of the script's start-up (bench:extension trace: its wrapping and the bundler's
 * copy of every API namespace, ~10 ms of the page's main thread per load), and the calls below
 * need none of it. Not `storage` either: the background answers whether a site is scanned
 * automatically (autoScanPage), so the page never pays for that API's first use.
 */
import {nativeApi} from '../shared/native-api.js';

/** What the content script uses of the extension API. */
export interface ContentExtension {
  /** Our extension id: messages from any other sender are ignored. */
  id: string;
  sendMessage(message: unknown): Promise<unknown>;
  /** `answer` returns undefined to leave the message unanswered, else a promise of the reply. */
  onMessage(answer: (message: unknown, senderId: string | undefined) => Promise<unknown> | undefined): void;
  getMessage(key: string, subs?: string[]): string;
}

/** The subset of `chrome` / `browser` read here (both promise-based for these calls in MV3). */
interface NativeApi {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {addListener(l: (message: unknown, sender: {id?: string}, sendResponse: (r: unknown) => void) => boolean | undefined): void};
  };
  i18n: {getMessage(key: string, subs?: string[]): string};
}

export function nativeExtension(g: {browser?: NativeApi; chrome?: NativeApi} = globalThis as never): ContentExtension {
  const api = nativeApi(g);
  return {
    id: api.runtime.id,
    sendMessage: (message) => api.runtime.sendMessage(message),
    onMessage(answer) {
      // sendResponse + `true`, not a returned promise: the one form every supported browser version keeps the channel open for.
      api.runtime.onMessage.addListener((message, sender, sendResponse) => {
        const reply = answer(message, sender.id);
        if (!reply) return undefined;
        void reply.then(sendResponse);
        return true;
      });
    },
    getMessage: (key, subs) => api.i18n.getMessage(key, subs),
  };
}
