/**
 * Hands a picked index file to the background through IndexedDB: runtime messages are JSON in
 * Chrome (no ArrayBuffer, 64 MiB at most), IndexedDB is shared by every page of the extension.
 */
import {indexedDbRepo, newBytesKey, STAGED_PREFIX} from '../../shared/index-db.js';

export async function stageFile(file: File): Promise<string> {
  const key = newBytesKey(STAGED_PREFIX);
  // The File itself, not its bytes: copying 50 MB into an ArrayBuffer first held this page's
  // thread 540-680 ms, and structured-cloning a Blob into IndexedDB does not.
  await indexedDbRepo().putBytes(key, file);
  return key;
}
