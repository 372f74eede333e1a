import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {crc32, crc32Combine} from '../../src/core/crc32.js';

/** The definition, a bit at a time: what the table-driven crc32 must equal. */
function bitwise(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

describe('crc32', () => {
  it('equals the bitwise definition at every alignment and length, continued or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({minLength: 8, maxLength: 200}), fc.nat({max: 7}), fc.nat({max: 40}), (data, offset, cut) => {
        const bytes = data.subarray(Math.min(offset, data.length));
        expect(crc32(bytes)).toBe(bitwise(bytes));
        const at = Math.min(cut, bytes.length);
        expect(crc32(bytes.subarray(at), crc32(bytes.subarray(0, at)))).toBe(bitwise(bytes));
      }),
      {numRuns: 500, seed: 20261127},
    );
  });
});

describe('crc32Combine', () => {
  it('gives the CRC-32 of two pieces joined, from theirs and the second one\'s length', () => {
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 300}), fc.uint8Array({maxLength: 3000}), (a, b) => {
        const joined = new Uint8Array(a.length + b.length);
        joined.set(a);
        joined.set(b, a.length);
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(joined));
      }),
      {numRuns: 500, seed: 20261127},
    );
  });

  it('matches a known value: "123456789" is CBF43926 whichever way it is cut', () => {
    const bytes = new TextEncoder().encode('123456789');
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(crc32Combine(crc32(bytes.subarray(0, 4)), crc32(bytes.subarray(4)), 5)).toBe(0xcbf43926);
  });
});
