/**
 * Checks an index file before it is used, yielding to the event loop between slices so that a
 * 50 MB file does not hold up checks and popup messages: SHA-256 (when the subscription gave one)
 * runs in the browser's crypto, the CRC-32 in 1 MiB slices; only a file that passes both is decoded
 * (decodeIndex, synchronous, validates the structure and recomputes the CRC).
 */
import {crc32} from '../core/crc32.js';
import {decodeIndex, IndexFormatError, readIndexHeader} from '../core/index-file.js';
import type {PhotoSet} from '../core/photo-set.js';
import {timed} from './step-timing.js';

const HEADER_BYTES = 32;
/** 1 MiB of CRC takes a few ms (3-8 ms measured with tsx on the 2-core development machine): short enough to interleave messages. */
const CRC_SLICE = 1 << 20;

/** Lets queued events (messages, fetch callbacks) run; a macrotask, not a microtask. */
export const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface VerifyOptions {
  /** Expected SHA-256, lowercase hex. */
  sha256?: string;
  pause?: () => Promise<void>;
}

/** The decoded index, or an IndexFormatError / Error saying what is wrong with the file. */
export async function verifyIndex(buffer: ArrayBuffer, options: VerifyOptions = {}): Promise<PhotoSet> {
  const pause = options.pause ?? yieldToEvents;
  if (options.sha256) {
    const actual = await sha256Hex(buffer);
    if (actual !== options.sha256) throw new Error(`SHA-256 mismatch: expected ${options.sha256.slice(0, 12)}…, got ${actual.slice(0, 12)}…`);
  }
  const bytes = new Uint8Array(buffer);
  const header = readIndexHeader(bytes);
  let crc = 0;
  for (let at = HEADER_BYTES; at < bytes.length; at += CRC_SLICE) {
    crc = crc32(bytes.subarray(at, Math.min(bytes.length, at + CRC_SLICE)), crc);
    await pause();
  }
  if (crc !== header.checksum) throw new IndexFormatError('index checksum mismatch: the file is corrupted');
  return timed('decode', () => decodeIndex(bytes));
}
