import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {GECKO_ID, manifestFor} from './manifest-for.js';

const base = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8'));

describe('manifestFor', () => {
  it('Chrome keeps the service worker', () => {
    const m = manifestFor(base, 'chrome', '1.2.3');
    expect(m).toMatchObject({version: '1.2.3', background: {service_worker: 'src/background/index.ts'}});
    expect(m).not.toHaveProperty('browser_specific_settings');
  });
  it('Firefox gets an event page and a stable gecko id', () => {
    const m = manifestFor(base, 'firefox', '1.2.3') as {background: unknown; browser_specific_settings: {gecko: {id: string}}};
    expect(m.background).toEqual({scripts: ['src/background/index.ts'], type: 'module'});
    expect(m.browser_specific_settings.gecko.id).toBe(GECKO_ID);
    expect(base.background.service_worker).toBe('src/background/index.ts');
  });
});
