/**
 * The WASM decoder as the extension loads it: imported lazily by image-decode.ts only when canvas
 * readback is not exact, so the normal path neither downloads nor compiles any of this. The .wasm
 * files are the build's own assets (`?url`): nothing is fetched from the network.
 */
import jpegWasm from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm?url';
import pngWasm from '@jsquash/png/codec/pkg/squoosh_png_bg.wasm?url';
import webpWasm from '@jsquash/webp/codec/dec/webp_dec.wasm?url';
import {createWasmDecoder, type WasmFormat} from './wasm-decode.js';

const URLS: Record<WasmFormat, string> = {jpeg: jpegWasm, png: pngWasm, webp: webpWasm};

// compile(), not compileStreaming(): the latter needs an application/wasm content type, which
// extension files are not guaranteed to be served with.
export const wasmDecode = createWasmDecoder(async (format) => WebAssembly.compile(await (await fetch(URLS[format])).arrayBuffer()));
