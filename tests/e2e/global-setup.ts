/** Builds both extensions once per run, with the fixture index embedded (CLICHE_INDEX). */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import type {TestProject} from 'vitest/node';
import {CHROMIUM} from '../../tools/browser/launch.js';
import {buildFixtureIndex} from './fixture-index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    extensionDir: string;
    firefoxDir: string;
    /** Chrome build with the bundled public/default-index.cliche, as `npm start` builds it. */
    defaultIndexDir: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) throw new Error(`e2e: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CLICHE_CHROMIUM)`);
  const root = resolve(import.meta.dirname, '../..');
  const work = mkdtempSync(join(tmpdir(), 'cliche-e2e-'));
  const indexPath = join(work, 'fixture-index.cliche');
  writeFileSync(indexPath, await buildFixtureIndex());
  for (const mode of ['chrome', 'firefox']) {
    execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--mode', mode, '--logLevel', 'warn'], {
      cwd: root,
      env: {...process.env, CLICHE_INDEX: indexPath, CLICHE_OUT: join(work, 'dist')},
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const {CLICHE_INDEX: _ignored, ...env} = process.env;
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--mode', 'chrome', '--logLevel', 'warn'], {
    cwd: root,
    env: {...env, CLICHE_OUT: join(work, 'dist-default')},
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('defaultIndexDir', join(work, 'dist-default', 'chrome'));
  project.provide('extensionDir', join(work, 'dist', 'chrome'));
  project.provide('firefoxDir', join(work, 'dist', 'firefox'));
}
