/** Extra builds of the extension with the fixture index, for tests that need a build-time switch. */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {buildFixtureIndex} from './fixture-index.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Builds `mode` into a fresh temporary folder with `env` added (e.g. VITE_CLICHE_FORCE_WASM_DECODE); returns the unpacked extension's folder. */
export async function buildFixtureExtension(mode: 'chrome' | 'firefox', env: Record<string, string> = {}): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), `cliche-${mode}-build-`));
  writeFileSync(join(work, 'fixture-index.cliche'), await buildFixtureIndex());
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--mode', mode, '--logLevel', 'warn'], {
    cwd: ROOT,
    env: {...process.env, CLICHE_INDEX: join(work, 'fixture-index.cliche'), CLICHE_OUT: join(work, 'dist'), ...env},
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return join(work, 'dist', mode);
}
