import {describe, expect, it, vi} from 'vitest';
import {PROBE_SIDE, probeColour, readbackIsExact, type CanvasFactory, type ProbeCanvas} from './canvas-readback.js';

/** A software canvas: fillRect of rgb() colours on whole pixels; `readback` may alter what is read. */
function fakeCanvas(readback: (data: Uint8ClampedArray) => Uint8ClampedArray = (d) => d): CanvasFactory {
  return (w, h): ProbeCanvas => {
    const px = new Uint8ClampedArray(w * h * 4);
    const ctx = {
      fillStyle: '#000' as string | CanvasGradient | CanvasPattern,
      fillRect(x: number, y: number, fw: number, fh: number) {
        const [r, g, b] = String(ctx.fillStyle).match(/\d+/g)!.map(Number);
        for (let j = y; j < y + fh; j++) for (let i = x; i < x + fw; i++) px.set([r, g, b, 255], (j * w + i) * 4);
      },
      getImageData: (x: number, y: number, rw: number, rh: number) => ({data: readback(px.slice((y * w + x) * 4, ((y + rh - 1) * w + x + rw) * 4))}),
    };
    return {getContext: () => ctx};
  };
}

/** Firefox-style randomization: a few pixels' low bits flipped, seeded so the test is repeatable. */
const randomize = (pixels: number, seed = 7) => (d: Uint8ClampedArray) => {
  const out = d.slice();
  for (let k = 0, s = seed; k < pixels; k++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[(s % (out.length / 4)) * 4 + (s >>> 8) % 3] ^= 1;
  }
  return out;
};

describe('readbackIsExact', () => {
  it('is true when the canvas gives back what was drawn', () => {
    expect(readbackIsExact(fakeCanvas())).toBe(true);
  });

  it('is false when readback is randomized, even in a single bit of one pixel', () => {
    expect(readbackIsExact(fakeCanvas(randomize(12)))).toBe(false);
    expect(readbackIsExact(fakeCanvas(randomize(1)))).toBe(false);
  });

  it('is false when readback is blocked: blank white, all zero, an exception, no 2D context, a short buffer', () => {
    expect(readbackIsExact(fakeCanvas((d) => d.fill(255)))).toBe(false);
    expect(readbackIsExact(fakeCanvas((d) => d.fill(0)))).toBe(false);
    expect(readbackIsExact(fakeCanvas(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    }))).toBe(false);
    expect(readbackIsExact(() => ({getContext: () => null}))).toBe(false);
    expect(readbackIsExact(fakeCanvas((d) => d.subarray(0, 16)))).toBe(false);
  });

  it('draws a pattern where every pixel differs, so a shifted or flipped readback is caught too', () => {
    const colours = new Set<string>();
    for (let y = 0; y < PROBE_SIDE; y++) for (let x = 0; x < PROBE_SIDE; x++) colours.add(probeColour(x, y).join());
    expect(colours.size).toBe(PROBE_SIDE * PROBE_SIDE);
    const mirrored = (d: Uint8ClampedArray) => {
      const out = d.slice();
      for (let i = 0; i < d.length; i += 4) out.set(d.subarray(d.length - 4 - i, d.length - i), i);
      return out;
    };
    expect(readbackIsExact(fakeCanvas(mirrored))).toBe(false);
  });
});

describe('canvasReadbackExact', () => {
  it('probes once per worker life and keeps the answer', async () => {
    vi.resetModules();
    const {canvasReadbackExact} = await import('./canvas-readback.js');
    const noisy = vi.fn(fakeCanvas(randomize(3)));
    const exact = vi.fn(fakeCanvas());
    expect(canvasReadbackExact(noisy)).toBe(false);
    expect(canvasReadbackExact(exact)).toBe(false);
    expect(noisy).toHaveBeenCalledTimes(1);
    expect(exact).not.toHaveBeenCalled();
  });
});
