import {describe, expect, it} from 'vitest';
import {blobBytes} from './blob-bytes.js';

describe('blobBytes', () => {
  const bytes = Uint8Array.from({length: 300_000}, (_, i) => (i * 7919) & 0xff);

  it('reads a large blob through its stream, every byte in place', async () => {
    const blob = new Blob([bytes.subarray(0, 100_000), bytes.subarray(100_000)]);
    let streamed = 0;
    const stream = blob.stream.bind(blob);
    blob.stream = () => {
      streamed++;
      return stream();
    };
    const out = new Uint8Array(await blobBytes(blob, 3000));
    expect(streamed).toBe(1);
    expect(Buffer.from(out).equals(Buffer.from(bytes))).toBe(true);
  });

  it('reads a small blob at once', async () => {
    const blob = new Blob([bytes.subarray(0, 100)]);
    blob.stream = () => {
      throw new Error('not streamed');
    };
    const out = new Uint8Array(await blobBytes(blob, 3000));
    expect([...out]).toEqual([...bytes.subarray(0, 100)]);
  });
});
