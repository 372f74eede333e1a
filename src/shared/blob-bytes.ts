/**
 * A large Blob's bytes, read as a stream. `blob.arrayBuffer()` of a 50 MB index ran as one task of
 * the extension's worker: 107-154 ms of CPU during a subscription and 208-288 ms at each worker
 * start with the index enabled (Chromium trace of tests/bench/extension/index-import.ts: the
 * FileReaderLoader's data-pipe task), and every check or popup request waited behind it. A
 * stream's chunks arrive in tasks of their own (longest worker task during the import then 5 ms
 * of CPU; reading 4 MB slices one after another, 22 ms, and slower at a worker start).
 */
/** Blobs up to this size are read at once: a few ms, and one task instead of many. */
export const BLOB_PIECE_BYTES = 4 << 20;

export async function blobBytes(blob: Blob, pieceBytes = BLOB_PIECE_BYTES): Promise<ArrayBuffer> {
  if (blob.size <= pieceBytes) return blob.arrayBuffer();
  const out = new Uint8Array(blob.size);
  const reader = blob.stream().getReader();
  let at = 0;
  for (;;) {
    const {done, value} = await reader.read();
    if (done) break;
    if (at + value.length > out.length) throw new Error('the stored index changed while it was read');
    out.set(value, at);
    at += value.length;
  }
  if (at !== out.length) throw new Error(`could not read the stored index (${at} of ${out.length} bytes)`);
  return out.buffer;
}
