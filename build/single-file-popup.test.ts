import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {popupHtml} from './single-file-popup.js';

const source = readFileSync(new URL('../src/ui/popup/index.html', import.meta.url), 'utf8');

describe('popupHtml', () => {
  it('inlines the style sheet and loads the one bundled script', () => {
    const html = popupHtml(source, 'ul { margin: 0; }\n');
    expect(html).toContain('<style>ul { margin: 0; }</style>');
    expect(html).toContain('<script src="/assets/popup.js"></script>');
    expect(html).not.toMatch(/ui\.css|main\.tsx|type="module"/);
    expect(html).toContain('<div id="app"></div>');
  });
  it('refuses a popup page it does not recognise rather than ship one without its script', () => {
    expect(() => popupHtml(source.replace('./main.tsx', './app.tsx'), '')).toThrow(/no longer has/);
  });
});
