/** Waiting and selectors shared by the real-browser tests. */
import {expect} from 'vitest';

/** Waits for a condition instead of sleeping; generous because CI shares two cores. */
export const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, {timeout: 20_000, interval: 50});
/** The corner label on a flagged image and the details/answer panel, inside our shadow root. */
export const MARKER = 'cliche-overlay .marker';
export const PANEL = 'cliche-overlay .panel';
