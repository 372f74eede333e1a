/** Build-time shapes the background's WASM fallback uses: `?url` asset imports and its test switch. */
/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "1" in test builds only: skip the canvas probe and decode every image with WASM. */
  readonly VITE_CLICHE_FORCE_WASM_DECODE?: string;
}
