/**
 * Checks an index file before it is used, yielding to the event loop between slices so that a
 * 50 MB file does not hold up checks and popup messages: SHA-256 (when the subscription gave one)
 * runs in the browser's crypto; decodeIndexAsync checks the CRC-32 and the structure in slices.
 */
import {decodeIndexAsync} from '../core/index-file.js';
import type {PhotoSet} from '../core/photo-set.js';
import {timedSlices} from './step-timing.js';

/**
 * Lets queued events (messages, fetch callbacks) run; a macrotask, not a microtask. A posted
 * message rather than setTimeout(0): chained timers are clamped to 4 ms, and a 50 MB index takes
 * about 200 pauses (measured in Chromium 156: 6.0 ms per setTimeout(0) pause, 0.17 ms per message).
 */
export const yieldToEvents = () =>
  new Promise<void>((resolve) => {
    const {port1, port2} = new MessageChannel();
    port1.onmessage = () => {
      port1.close(); // an open port would keep Node (the unit tests) alive
      resolve();
    };
    port2.postMessage(null);
  });

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface VerifyOptions {
  /** Expected SHA-256, lowercase hex. */
  sha256?: string;
  pause?: () => Promise<void>;
  /** Work between two real pauses (timedSlices); the default suits the extension's worker. */
  sliceBudgetMs?: number;
}

/** The decoded index, or an IndexFormatError / Error saying what is wrong with the file. */
export async function verifyIndex(buffer: ArrayBuffer, options: VerifyOptions = {}): Promise<PhotoSet> {
  const pause = options.pause ?? yieldToEvents;
  if (options.sha256) {
    const actual = await sha256Hex(buffer);
    if (actual !== options.sha256) throw new Error(`SHA-256 mismatch: expected ${options.sha256.slice(0, 12)}…, got ${actual.slice(0, 12)}…`);
  }
  return timedSlices('decode', pause, (p) => decodeIndexAsync(buffer, p), {budgetMs: options.sliceBudgetMs});
}
