/** `npm start`: build the Chrome extension with the default index and show it on the demo page. */
import {execFileSync} from 'node:child_process';
import {resolve} from 'node:path';
import {runDemo} from './run-demo.js';

const root = resolve(import.meta.dirname, '../..');
// CLICHE_INDEX is dropped: the demo page's cover is cut from a photo of the bundled default index.
const {CLICHE_INDEX: _ignored, CLICHE_OUT: _out, ...env} = process.env;
console.log('building dist/chrome with public/default-index.cliche ...');
execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--mode', 'chrome', '--logLevel', 'warn'], {cwd: root, env, stdio: 'inherit'});

const headless = !process.env.DISPLAY;
console.log(headless ? 'no DISPLAY: running Chromium headless' : `opening Chromium on ${process.env.DISPLAY}`);
const flags = await runDemo({
  extensionDir: resolve(root, 'dist/chrome'),
  headless,
  screenshotPath: resolve(root, '.demo/screenshot.png'),
  log: (line) => console.log(line),
});
process.exitCode = flags.length > 0 ? 0 : 1;
