/**
 * A Blob's bytes, read in pieces. `blob.arrayBuffer()` of a 50 MB index ran as one task of the
 * extension's worker: 107-154 ms of CPU during a subscription and 208-288 ms at each worker start
 * with the index enabled (Chromium trace of tests/bench/extension/index-import.ts: the
 * FileReaderLoader's data-pipe task), and every check or popup request waited behind it.
 * Each piece is its own read, a few ms of work, with the event loop free in between. Not
 * blob.stream(): its chunks of an IndexedDB-stored Blob were often all ready at once, and the
 * reading loop then ran in one microtask checkpoint, 489 ms of CPU in one task at a worker start
 * (CPU profile of the worker, 1 wake in 5; the 4 MB pieces' reads: longest task 22 ms of CPU).
 */
export const BLOB_PIECE_BYTES = 4 << 20;

export async function blobBytes(blob: Blob, pieceBytes = BLOB_PIECE_BYTES): Promise<ArrayBuffer> {
  if (blob.size <= pieceBytes) return blob.arrayBuffer();
  const out = new Uint8Array(blob.size);
  for (let at = 0; at < blob.size; at += pieceBytes) {
    const piece = new Uint8Array(await blob.slice(at, at + pieceBytes).arrayBuffer());
    // A Blob is immutable, so a short piece means a failed read, not a changed file.
    if (piece.length !== Math.min(pieceBytes, blob.size - at)) throw new Error(`could not read the stored index (${piece.length} bytes at ${at})`);
    out.set(piece, at);
  }
  return out.buffer;
}
