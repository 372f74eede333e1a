import {beforeAll, describe, expect, it, vi} from 'vitest';
import {fixtureCoverAndBadImages, type BadImage} from '../../tests/cli/bad-images.js';
import {decodeImage, ImageDecodeError, ImageSkipped, type DecodeDeps} from './image-decode.js';

let cover: Buffer;
let bad: Map<string, BadImage>;

beforeAll(async () => {
  ({cover, bad} = await fixtureCoverAndBadImages());
}, 60_000);

const PIXELS = {data: new Uint8ClampedArray(4), width: 1, height: 1};
const deps = (exact: boolean) => ({
  createBitmap: vi.fn<DecodeDeps['createBitmap']>(async () => {
    throw new Error('the canvas path is not under test here');
  }),
  readbackExact: vi.fn(() => exact),
  wasmDecode: vi.fn<DecodeDeps['wasmDecode']>(async () => PIXELS),
});
const blob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

describe('decodeImage', () => {
  it('sends the bytes and their header to the WASM decoder when readback is not exact, never to the browser', async () => {
    const d = deps(false);
    expect(await decodeImage(blob(cover), d)).toBe(PIXELS);
    expect(d.wasmDecode).toHaveBeenCalledWith(new Uint8Array(cover), {format: 'jpeg', width: 1500, height: 500, complete: true});
    expect(d.createBitmap).not.toHaveBeenCalled();
  });

  it('keeps the browser decoder where readback is exact', async () => {
    const d = deps(true);
    await expect(decodeImage(blob(cover), d)).rejects.toThrow('damaged or unsupported image');
    expect(d.createBitmap).toHaveBeenCalledOnce();
    expect(d.wasmDecode).not.toHaveBeenCalled();
  });

  it('refuses bombs, pages and cut-off files from the header in the WASM path too', async () => {
    const d = deps(false);
    for (const name of ['bomb.png', 'truncated.jpg', 'truncated.png', 'page.jpg', 'empty.jpg']) {
      await expect(decodeImage(blob(bad.get(name)!.bytes), d)).rejects.toBeInstanceOf(ImageDecodeError);
    }
    await expect(decodeImage(blob(bad.get('bomb.png')!.bytes), d)).rejects.toThrow(/^image too large \(30000x30000/);
    for (const name of ['drawing.svg', 'pixel.png', 'strip.png']) {
      await expect(decodeImage(blob(bad.get(name)!.bytes), d)).rejects.toBeInstanceOf(ImageSkipped);
    }
    expect(d.wasmDecode).not.toHaveBeenCalled();
  });
});
