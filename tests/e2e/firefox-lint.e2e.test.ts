/** The Firefox build passes Mozilla's add-on linter (web-ext lint) with no errors and no warnings. */
import {execFile} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {promisify} from 'node:util';
import {describe, expect, inject, it} from 'vitest';

const WEB_EXT = resolve(import.meta.dirname, '../../node_modules/.bin/web-ext');

describe('Firefox build', () => {
  it('is an MV3 event page with a gecko id, and web-ext lint finds no errors and no warnings', async () => {
    const dir = inject('firefoxDir');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.background.scripts).toHaveLength(1);
    expect(manifest.background).not.toHaveProperty('service_worker');
    expect(manifest.browser_specific_settings.gecko.id).toMatch(/@/);
    // web-ext exits non-zero on errors; the JSON report is read either way.
    const {stdout} = await promisify(execFile)(WEB_EXT, ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'])
      .catch((err: {stdout: string}) => ({stdout: err.stdout}));
    const report = JSON.parse(stdout);
    expect(report.errors.map((e: {code: string; message: string}) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // Warnings too: AMO review reads them (Preact's innerHTML assignment is compiled out, vite.config.ts).
    expect(report.warnings.map((w: {code: string; message: string; file?: string}) => `${w.code}: ${w.message} (${w.file})`)).toEqual([]);
    expect(report.summary.warnings).toBe(0);
  });
});
