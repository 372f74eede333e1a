import {describe, expect, it} from 'vitest';
import {decodeImage} from '../../src/cli/decode.js';
import {prepareQuery, SMALL_WINDOWS_FROM_SCALE, SMALL_WINDOWS_MIN_WIDTH, smallWindowQuery} from '../../src/core/fingerprint.js';
import {LEVEL_HEIGHTS, WORK_SHORT_SIDE} from '../../src/core/tile-layout.js';
import {cutBanner, fixtureNames} from './photo-helpers.js';

const query = async (w: number, h: number) => prepareQuery(await decodeImage(await cutBanner(fixtureNames()[0], w, h, 1.1)));

describe('small-window second pass', () => {
  it('adds nothing for strips that cannot show most of a photo (their windows already reach the index\'s smallest)', async () => {
    for (const [w, h] of [[1500, 500], [1584, 396], [820, 312]]) expect(smallWindowQuery(await query(w, h))).toBeNull();
  });

  it('adds nothing for thumbnails and feed images, which a page has by the dozen', async () => {
    expect(SMALL_WINDOWS_MIN_WIDTH).toBeGreaterThan(640);
    expect(smallWindowQuery(await query(640, 360))).toBeNull();
    expect(smallWindowQuery(await query(1280, 720))).not.toBeNull();
  });

  it('adds smaller windows to a 16:9 banner, down to the index\'s smallest window at its largest scale in a 3:2 photo', async () => {
    const q = await query(2048, 1152);
    const wide = smallWindowQuery(q)!;
    expect(wide).not.toBeNull();
    const maxScale = Math.min((WORK_SHORT_SIDE * 1.5) / q.workW, WORK_SHORT_SIDE / q.workH);
    expect(maxScale).toBeGreaterThanOrEqual(SMALL_WINDOWS_FROM_SCALE);
    const usualMin = Math.min(...q.windows.map((w) => w.h));
    const added = wide.windows.slice(q.windows.length);
    expect(added.length).toBeGreaterThan(q.windows.length); // small windows are many
    expect(Math.max(...added.map((w) => w.h))).toBeLessThan(usualMin);
    const smallest = Math.min(...added.map((w) => w.h));
    // Down to the index's smallest level at that scale, within one added step (2 of 12 per octave).
    expect(smallest).toBeGreaterThanOrEqual(LEVEL_HEIGHTS[0] / maxScale);
    expect(smallest).toBeLessThan((LEVEL_HEIGHTS[0] / maxScale) * 2 ** (2 / 12));
    expect(wide.windows.slice(0, q.windows.length)).toEqual(q.windows);
  });
});
