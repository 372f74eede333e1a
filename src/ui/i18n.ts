/** UI text through the browser's i18n (the browser's language; English fallback from _locales). */
import {browser} from '../shared/browser.js';

export const t = (key: string, subs?: (string | number)[]): string =>
  browser.i18n.getMessage(key, subs?.map(String)) || key;

export const lang = () => browser.i18n.getUILanguage();
