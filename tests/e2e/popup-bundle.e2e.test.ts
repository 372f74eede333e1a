/** The popup's own bundle (build/single-file-popup.ts): one script, without webextension-polyfill. */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, inject, it} from 'vitest';

/** A string only webextension-polyfill's code holds (its message for a closed message port). */
const POLYFILL_MARK = 'The message port closed before a response was received';

describe.each([['chrome', () => inject('extensionDir')], ['firefox', () => inject('firefoxDir')]])('%s build', (_name, dir) => {
  it('the popup script calls the browser API directly; the background keeps the polyfill', () => {
    const popup = readFileSync(join(dir(), 'assets/popup.js'), 'utf8');
    expect(popup).not.toContain(POLYFILL_MARK);
    // The alias that replaces the polyfill leaves its stand-in, which picks `browser` or `chrome`.
    expect(popup).toMatch(/\.runtime\?\.id/);
    const assets = readdirSync(join(dir(), 'assets')).filter((f) => f.endsWith('.js'));
    expect(assets.some((f) => readFileSync(join(dir(), 'assets', f), 'utf8').includes(POLYFILL_MARK))).toBe(true);
  });
});
