/** Worker thread: decode one image file and fingerprint it; typed arrays go back without copying. */
import {parentPort} from 'node:worker_threads';
import {fingerprintPhoto} from '../core/fingerprint.js';
import {decodeImage} from './decode.js';

parentPort!.on('message', async ({job, path}: {job: number; path: string}) => {
  try {
    const print = fingerprintPhoto(await decodeImage(path));
    parentPort!.postMessage({job, print}, [print.slots.buffer as ArrayBuffer, print.hi.buffer as ArrayBuffer, print.lo.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({job, error: err instanceof Error ? err.message : String(err)});
  }
});
