/** The one seam to the WebExtension API: the only import of webextension-polyfill; others receive it. */
import browser from 'webextension-polyfill';

export type Browser = typeof browser;
export type {Menus, Runtime, Storage, Tabs} from 'webextension-polyfill';
export {browser};
