/** One source, two extensions: `vite build --mode chrome|firefox` writes dist/<mode> and dist/<mode>.zip. */
import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {crx} from '@crxjs/vite-plugin';
import {defineConfig} from 'vite';
import {indexAndZip, defaultIndexPath} from './build/index-asset.js';
import {manifestFor, type Target} from './build/manifest-for.js';

const root = import.meta.dirname;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const baseManifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8'));

export default defineConfig(({mode}) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  // CLICHE_OUT lets the e2e suite build a fixture-index extension without touching dist/.
  const outRoot = resolve(root, process.env.CLICHE_OUT || 'dist');
  const outDir = resolve(outRoot, target);
  return {
    oxc: {jsx: {runtime: 'automatic', importSource: 'preact'}},
    build: {outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, minify: true},
    plugins: [
      crx({
        manifest: manifestFor(baseManifest, target, pkg.version) as never,
        browser: target,
        // One self-contained IIFE: no loader, so no web_accessible_resources a page could probe
        // to detect the extension, and no extra module fetch before the first scan.
        contentScripts: {standaloneFiles: ['src/content/main.ts']},
      }),
      indexAndZip({indexPath: defaultIndexPath(process.env, root), outDir, zipPath: `${outDir}.zip`}),
    ],
  };
});
