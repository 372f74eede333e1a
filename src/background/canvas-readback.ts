/**
 * Whether this browser hands back a canvas's pixels exactly. Firefox's resistFingerprinting adds
 * noise to readback in web pages, and other privacy tools blank it or throw; a fingerprint of noisy
 * pixels would miss, so the background then decodes with WASM instead (wasm-decode.ts).
 */

/** The part of OffscreenCanvas the probe uses; tests pass a fake that randomizes or blanks. */
export interface ProbeCanvas {
  getContext(kind: '2d', options?: CanvasRenderingContext2DSettings): {
    fillStyle: string | CanvasGradient | CanvasPattern;
    fillRect(x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): {data: Uint8ClampedArray | Uint8Array};
  } | null;
}
export type CanvasFactory = (width: number, height: number) => ProbeCanvas;

/**
 * 16x16 one-pixel squares, every channel varying: Firefox's randomization touches a handful of
 * pixels of a canvas, so a larger probe is more sure to catch it (measured in Firefox ESR 153 with
 * resistFingerprinting, web page: all 1,024 pixels of a 32x32 probe altered). Opaque fills on
 * whole pixels are exact in every canvas: no antialiasing, no premultiplied-alpha rounding.
 */
export const PROBE_SIDE = 16;

/** The colour of probe pixel (x, y): distinct per pixel, no channel stuck at 0 or 255. */
export function probeColour(x: number, y: number): [number, number, number] {
  return [8 + x * 15, 8 + y * 15, (37 * x + 91 * y) % 239 + 8];
}

/** Draws the probe, reads it back and compares every byte. A throw or a blank readback is "not exact". */
export function readbackIsExact(makeCanvas: CanvasFactory = (w, h) => new OffscreenCanvas(w, h)): boolean {
  try {
    const ctx = makeCanvas(PROBE_SIDE, PROBE_SIDE).getContext('2d', {willReadFrequently: true});
    if (!ctx) return false;
    for (let y = 0; y < PROBE_SIDE; y++) {
      for (let x = 0; x < PROBE_SIDE; x++) {
        ctx.fillStyle = `rgb(${probeColour(x, y).join(',')})`;
        ctx.fillRect(x, y, 1, 1);
      }
    }
    const {data} = ctx.getImageData(0, 0, PROBE_SIDE, PROBE_SIDE);
    if (data.length !== PROBE_SIDE * PROBE_SIDE * 4) return false;
    for (let y = 0; y < PROBE_SIDE; y++) {
      for (let x = 0; x < PROBE_SIDE; x++) {
        const i = (y * PROBE_SIDE + x) * 4;
        const [r, g, b] = probeColour(x, y);
        if (data[i] !== r || data[i + 1] !== g || data[i + 2] !== b || data[i + 3] !== 255) return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * One probe per worker life: the answer depends on the browser and its settings, which do not
 * change under a running worker. A build made with VITE_CLICHE_FORCE_WASM_DECODE=1 (tests only)
 * answers "not exact" without probing, so the WASM path runs in a browser that reads back exactly.
 */
let cached: boolean | undefined;
export function canvasReadbackExact(makeCanvas?: CanvasFactory): boolean {
  if (cached === undefined) cached = import.meta.env.VITE_CLICHE_FORCE_WASM_DECODE === '1' ? false : readbackIsExact(makeCanvas);
  return cached;
}
