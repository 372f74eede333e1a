/**
 * The popup's stand-in for webextension-polyfill (build/single-file-popup.ts aliases the package
 * to this module in the popup's bundle only): the browser's own promise-based API, `browser` in
 * Firefox and `chrome` in Chromium's Manifest V3, whose calls the popup makes (tabs.query,
 * storage.local, runtime.sendMessage, i18n, openOptionsPage) all return promises in both. The
 * polyfill's wrapping is evaluated on every opening, and the popup's time to usable is a target.
 * The background keeps the polyfill (its message listeners answer with promises).
 */
import type browser from 'webextension-polyfill';
import {nativeApi} from '../shared/native-api.js';

export default nativeApi<typeof browser>();
