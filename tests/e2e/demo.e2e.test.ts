/** `npm start`'s headless path: the default-index build flags the demo page's cover and says so. */
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, inject, it} from 'vitest';
import {runDemo} from '../../tools/demo/run-demo.js';

describe('demo (npm start without a display)', () => {
  it('prints the flagged stock cover with its library and confidence, and saves a screenshot', async () => {
    const lines: string[] = [];
    const screenshotPath = join(mkdtempSync(join(tmpdir(), 'cliche-demo-')), 'screenshot.png');
    const flags = await runDemo({extensionDir: inject('defaultIndexDir'), headless: true, screenshotPath, log: (l) => lines.push(l)});
    // The cover is cut from city-night.jpg, which the default index holds as this Unsplash photo.
    expect(flags.map((f) => [f.slot, f.meta.id])).toEqual([['cover', 'tabler-matt-barrett-339981-1500']]);
    const printed = lines.find((l) => l.startsWith('flagged cover:'));
    expect(printed).toMatch(/^flagged cover: tabler-matt-barrett-339981-1500 \(Unsplash, by Matt Barrett\) confidence 0\.\d\d$/);
    expect(existsSync(screenshotPath)).toBe(true);
    expect(readFileSync(screenshotPath).subarray(1, 4).toString()).toBe('PNG');
  });
});
