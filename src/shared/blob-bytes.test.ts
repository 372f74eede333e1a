import {describe, expect, it} from 'vitest';
import {blobBytes} from './blob-bytes.js';

describe('blobBytes', () => {
  const bytes = Uint8Array.from({length: 10_000}, (_, i) => (i * 7919) & 0xff);

  it('reads a blob larger than a piece in pieces, every byte in place', async () => {
    const blob = new Blob([bytes]);
    let reads = 0;
    const slice = blob.slice.bind(blob);
    blob.slice = (...a: Parameters<Blob['slice']>) => {
      reads++;
      return slice(...a);
    };
    const out = new Uint8Array(await blobBytes(blob, 3000));
    expect(reads).toBe(4);
    expect(Buffer.from(out).equals(Buffer.from(bytes))).toBe(true);
  });

  it('reads a small blob at once', async () => {
    const out = new Uint8Array(await blobBytes(new Blob([bytes.subarray(0, 100)]), 3000));
    expect([...out]).toEqual([...bytes.subarray(0, 100)]);
  });
});
