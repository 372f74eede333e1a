/** What every loader of the core's hand-written WebAssembly modules (src/core/wasm/) does the same way. */

const PAGE = 65_536;

/** The module's exports, compiled and instantiated synchronously (the modules are a few hundred bytes). */
export function instantiate<Exports>(bytes: Uint8Array<ArrayBuffer>): Exports & {memory: WebAssembly.Memory} {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports & {memory: WebAssembly.Memory};
}

/**
 * Grows `memory` to hold at least `bytes`. Growing detaches views made before it: make them after.
 */
export function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
}
