import {readdirSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
// @ts-expect-error: a plain .mjs script, no types
import {assemble, moduleSource} from '../../scripts/build-wasm.mjs';

const dir = new URL('../../src/core/wasm/', import.meta.url);
const watFiles = readdirSync(dir).filter((f) => f.endsWith('.wat'));

describe('WebAssembly modules', () => {
  it('has modules to check', () => expect(watFiles.length).toBeGreaterThanOrEqual(2));

  it.each(watFiles)('%s: the committed bytes are what it assembles to (not stale)', async (watFile) => {
    const committed = readFileSync(new URL(watFile.replace(/\.wat$/, '.ts'), dir), 'utf8');
    expect(committed).toBe(moduleSource(watFile, await assemble(watFile)));
  });
});
