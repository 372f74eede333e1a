import {describe, expect, it} from 'vitest';
import {chunksOf} from './worker-compile-hint.js';

describe('chunksOf', () => {
  it('takes the background entry chunk and everything it imports, not the other pages\' chunks', () => {
    const bundle = {
      'assets/index.ts-1.js': {type: 'chunk', facadeModuleId: '/repo/src/background/index.ts', imports: ['assets/browser-2.js', 'assets/protocol-3.js']},
      'assets/browser-2.js': {type: 'chunk', facadeModuleId: null, imports: ['assets/protocol-3.js']},
      'assets/protocol-3.js': {type: 'chunk', facadeModuleId: null, imports: []},
      'assets/index.html-4.js': {type: 'chunk', facadeModuleId: '/repo/src/ui/options/index.html', imports: ['assets/browser-2.js', 'assets/jsx-5.js']},
      'assets/jsx-5.js': {type: 'chunk', facadeModuleId: null, imports: []},
      'assets/style.css': {type: 'asset'},
    };
    expect(chunksOf(bundle, /src[\\/]background[\\/]index\.ts$/).sort()).toEqual(['assets/browser-2.js', 'assets/index.ts-1.js', 'assets/protocol-3.js']);
  });
  it('finds nothing without the entry (the plugin then fails the build)', () => {
    expect(chunksOf({'a.js': {type: 'chunk', facadeModuleId: '/repo/src/other.ts', imports: []}}, /src[\\/]background[\\/]index\.ts$/)).toEqual([]);
  });
});
