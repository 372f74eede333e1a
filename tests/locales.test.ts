/** Every UI string exists in English and French, with the same placeholders, and every key used exists. */
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

const root = join(import.meta.dirname, '..');
type Messages = Record<string, {message: string; placeholders?: Record<string, unknown>}>;
const load = (lang: string): Messages => JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8'));
const en = load('en');
const fr = load('fr');

function sources(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) && !d.name.endsWith('.test.ts') ? [join(dir, d.name)] : []);
}

describe('locales', () => {
  it('French has exactly the English keys and placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(Object.keys(fr[key].placeholders ?? {}), key).toEqual(Object.keys(en[key].placeholders ?? {}));
      expect(fr[key].message, key).not.toBe('');
    }
  });
  it('every message key the code and manifest use is defined', () => {
    const used = new Set<string>();
    for (const file of [...sources(join(root, 'src')), join(root, 'manifest.json')]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\('([A-Za-z_]+)'|getMessage\('([A-Za-z_]+)'|__MSG_([A-Za-z_]+)__|'(noImageHere)'/g)) used.add(m[1] ?? m[2] ?? m[3] ?? m[4]);
      // Slot labels are built from the slot name.
      if (text.includes('t(`slot_${')) for (const s of ['cover', 'avatar', 'other']) used.add(`slot_${s}`);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !en[k])).toEqual([]);
  });
});
