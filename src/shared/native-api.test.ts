import {describe, expect, it} from 'vitest';
import {nativeApi} from './native-api.js';

describe('nativeApi', () => {
  const firefox = {runtime: {id: 'cliche@example'}};
  const chrome = {runtime: {id: 'abcdef'}};
  it('takes Firefox\'s `browser` when it is a live extension API', () => {
    expect(nativeApi({browser: firefox, chrome})).toBe(firefox);
  });
  it('takes `chrome` when there is no `browser`, or one without our id', () => {
    expect(nativeApi({chrome})).toBe(chrome);
    // Chromium's page-visible `browser`-like objects carry no runtime id of ours.
    expect(nativeApi<{runtime?: {id?: string}}>({browser: {}, chrome})).toBe(chrome);
  });
});
