/** Vite plugin: finishes a build: manifest clean-up, the default index, the zip. */
import {copyFileSync, existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {resolve} from 'node:path';
import type {Plugin} from 'vite';
import {zipDir} from './zip-dir.js';

/** File name the background fetches through runtime.getURL (see src/background/index-store.ts). */
export const DEFAULT_INDEX_FILE = 'default-index.cliche';

export function defaultIndexPath(env: NodeJS.ProcessEnv, root: string): string {
  return resolve(root, env.CLICHE_INDEX || `public/${DEFAULT_INDEX_FILE}`);
}

export function indexAndZip(options: {indexPath: string; outDir: string; zipPath: string}): Plugin {
  return {
    name: 'cliche:index-and-zip',
    apply: 'build',
    closeBundle() {
      const {indexPath, outDir, zipPath} = options;
      dropWebAccessibleResources(resolve(outDir, 'manifest.json'));
      if (existsSync(indexPath)) {
        // Copied after Vite's public/ copy, so CLICHE_INDEX wins over the bundled default.
        copyFileSync(indexPath, resolve(outDir, DEFAULT_INDEX_FILE));
        this.info(`default index: ${indexPath} (${(statSync(indexPath).size / 1024).toFixed(0)} KiB)`);
      } else {
        this.warn(`no index at ${indexPath}: the extension will report "no index"; set CLICHE_INDEX`);
      }
      zipDir(outDir, zipPath);
    },
  };
}

/**
 * @crxjs lists `?script` imports as web-accessible to every site, but scripting.executeScript
 * needs no such entry, and any page could probe it to detect the extension: nothing of ours is
 * meant to be loaded by pages, so the key goes.
 */
function dropWebAccessibleResources(manifestPath: string): void {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  delete manifest.web_accessible_resources;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
}
