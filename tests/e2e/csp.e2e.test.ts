/** The built extensions: strict CSP, no eval-like code, nothing a web page can reach. */
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, inject, it} from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

describe.each([['chrome', () => inject('extensionDir')], ['firefox', () => inject('firefoxDir')]])('%s build', (name, dir) => {
  it('extension pages run only their own scripts, with no eval and no plugins', () => {
    const manifest = JSON.parse(readFileSync(join(dir(), 'manifest.json'), 'utf8'));
    const csp: string = manifest.content_security_policy.extension_pages;
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    // 'wasm-unsafe-eval' compiles WebAssembly only (the core's window hash and grey plane, and
    // Firefox's bundled decoders of the readback fallback), never JavaScript from strings.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/'unsafe-eval'|unsafe-inline|https?:|\*|data:|blob:/);
  });
  it('exposes nothing to web pages: no web-accessible resources, no externally_connectable', () => {
    const manifest = JSON.parse(readFileSync(join(dir(), 'manifest.json'), 'utf8'));
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
  });
  it('ships no code that builds code or markup from strings, and no remote scripts', () => {
    const all = files(dir());
    const scripts = all.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(2);
    for (const f of scripts) {
      const js = readFileSync(f, 'utf8');
      expect(js, f).not.toMatch(/\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]|setTimeout\(\s*["'`]/);
      expect(js, f).not.toMatch(/\bimport\(\s*["'`]https?:/);
      // Markup only from our own code: nothing parses strings as HTML (page strings included).
      expect(js, f).not.toMatch(/\.(inner|outer)HTML\s*[+]?=(?!=)|insertAdjacentHTML|document\.write/);
    }
    for (const f of all.filter((x) => x.endsWith('.html'))) {
      const html = readFileSync(f, 'utf8');
      expect(html, f).not.toMatch(/<script[^>]+src=["']?https?:/i);
      expect(html, f).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/i); // no inline script
      expect(html, f).not.toMatch(/\son[a-z]+=/i); // no inline handlers
    }
  });
});
