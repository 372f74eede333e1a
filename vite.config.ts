/** One source, two extensions: `vite build --mode chrome|firefox` writes dist/<mode> and dist/<mode>.zip. */
import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {crx} from '@crxjs/vite-plugin';
import {defineConfig, type Plugin} from 'vite';
import {indexAndZip, defaultIndexPath} from './build/index-asset.js';
import {manifestFor, type Target} from './build/manifest-for.js';
import {singleFilePopup} from './build/single-file-popup.js';
import {workerCompileHint} from './build/worker-compile-hint.js';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const baseManifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8'));

/**
 * Takes Preact's `dangerouslySetInnerHTML` out of the bundle: Cliché never uses it, and its one
 * `el.innerHTML = value` was the only warning Mozilla's linter (web-ext lint) gave the Firefox build.
 * Rendering an element with that prop now throws instead of writing markup.
 */
function noInnerHtml(): Plugin {
  const assignment = /(\w+)\.innerHTML=(\w+)\.__html/g;
  return {
    name: 'cliche:no-inner-html',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]/.test(id) || !code.includes('innerHTML')) return null;
      const out = code.replace(assignment, '(()=>{throw new Error("dangerouslySetInnerHTML is disabled in Cliché")})()');
      if (/\.innerHTML\s*=[^=]/.test(out)) this.error(`${id}: an innerHTML assignment this plugin does not recognise (Preact updated?)`);
      return {code: out, map: null};
    },
  };
}

/** Compiler and output settings of every bundle, the popup's own one included (single-file-popup.ts). */
const jsx = {oxc: {jsx: {runtime: 'automatic', importSource: 'preact'}}} as const;
const output = {target: 'es2022', sourcemap: false, minify: true} as const;

export default defineConfig(({mode}) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  // CLICHE_OUT lets the e2e suite build a fixture-index extension without touching dist/.
  const outRoot = resolve(root, process.env.CLICHE_OUT || 'dist');
  const outDir = resolve(outRoot, target);
  return {
    ...jsx,
    build: {outDir, emptyOutDir: true, ...output},
    plugins: [
      noInnerHtml(),
      crx({
        manifest: manifestFor(baseManifest, target, pkg.version) as never,
        browser: target,
        // One self-contained IIFE: no loader, so no web_accessible_resources a page could probe
        // to detect the extension, and no extra module fetch before the first scan.
        contentScripts: {standaloneFiles: ['src/content/main.ts']},
      }),
      workerCompileHint(),
      singleFilePopup({root, outDir, plugins: [noInnerHtml()], jsx, output}),
      indexAndZip({indexPath: defaultIndexPath(process.env, root), outDir, zipPath: `${outDir}.zip`}),
    ],
  };
});
