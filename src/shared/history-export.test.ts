import {describe, expect, it} from 'vitest';
import {recordFlag} from './history.js';
import {CSV_COLUMNS, csvCell, historyToCsv, historyToJson} from './history-export.js';

const h = recordFlag([], {
  imageUrl: 'https://cdn.example/a.jpg',
  pageUrl: 'https://www.facebook.com/acme?ref=1',
  slot: 'cover',
  meta: {id: 'unsplash:a', library: 'Unsplash', title: 'Sunset, "golden" hour', photographer: '=HYPERLINK("x")', downloads: 2100000},
  score: 0.8123,
  region: [0, 0, 1, 1],
}, Date.UTC(2026, 0, 2));

describe('historyToCsv', () => {
  it('writes a header and one quoted row per entry', () => {
    const lines = historyToCsv(h).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Sunset, ""golden"" hour"');
    expect(lines[1]).toContain('0.812');
    expect(lines[1]).toContain('2026-01-02T00:00:00.000Z');
  });
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1+1')).toBe(`"'-1+1"`);
    expect(historyToCsv(h)).not.toMatch(/,=HYPERLINK/);
  });
});

describe('historyToJson', () => {
  it('is versioned and carries the pages-seen figure', () => {
    const doc = JSON.parse(historyToJson(h));
    expect(doc).toMatchObject({format: 'cliche-history', version: 1});
    expect(doc.entries[0]).toMatchObject({pagesSeen: 1, meta: {id: 'unsplash:a'}});
  });
});
