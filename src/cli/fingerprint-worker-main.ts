/** Worker thread: decode one image (a file path or fetched bytes) and fingerprint it; typed arrays go back without copying. */
import {parentPort} from 'node:worker_threads';
import {fingerprintPhoto} from '../core/fingerprint.js';
import {decodeImage} from './decode.js';

parentPort!.on('message', async ({path, bytes}: {path?: string; bytes?: Uint8Array}) => {
  try {
    const input = path ?? Buffer.from(bytes!.buffer, bytes!.byteOffset, bytes!.byteLength);
    const print = fingerprintPhoto(await decodeImage(input));
    parentPort!.postMessage({print}, [print.slots.buffer as ArrayBuffer, print.hi.buffer as ArrayBuffer, print.lo.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({error: err instanceof Error ? err.message : String(err)});
  }
});
