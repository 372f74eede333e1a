/** Waiting, and reading our in-page markers, shared by the real-browser tests. */
import type {Page} from 'playwright-core';
import {expect} from 'vitest';
import {MARKER, overlayProbe, PANEL} from '../../tools/browser/overlay-probe.js';

export {MARKER, PANEL};

/** Waits for a condition instead of sleeping; generous because CI shares two cores. */
export const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, {timeout: 20_000, interval: 50});

/** The texts of the markers on the page now (our shadow root is closed: read through DevTools). */
export const markerTexts = async (page: Page) => (await overlayProbe(page)).texts(MARKER);
/** The text of the details/answer panel, '' when none is open. */
export const panelText = async (page: Page) => (await (await overlayProbe(page)).texts(PANEL)).join('\n');
export const clickMarker = async (page: Page, index = 0) => (await overlayProbe(page)).click(MARKER, index);

/** Waits until the page shows at least one marker and returns the markers' texts. */
export async function waitForMarkers(page: Page): Promise<string[]> {
  let texts: string[] = [];
  await poll(async () => (texts = await markerTexts(page)).length).toBeGreaterThan(0);
  return texts;
}
