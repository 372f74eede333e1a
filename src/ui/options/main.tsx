/** Options page entry. */
import {render} from 'preact';
import {browser} from '../../shared/browser.js';
import {Options} from './options.js';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = browser.i18n.getMessage('optionsTitle');
render(<Options />, document.getElementById('app')!);
