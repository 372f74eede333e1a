/** Fingerprints many image files on worker threads (one per core), results in input order. */
import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import type {PhotoPrint} from '../core/fingerprint.js';

export type PrintResult = {print: PhotoPrint} | {error: string};

export async function fingerprintFiles(paths: string[], onDone: (i: number, r: PrintResult) => void, threads = availableParallelism()): Promise<PrintResult[]> {
  const results: PrintResult[] = new Array(paths.length);
  if (paths.length === 0) return results;
  const count = Math.max(1, Math.min(threads, paths.length));
  let next = 0;
  await Promise.all(
    Array.from({length: count}, () => {
      const worker = new Worker(new URL('./fingerprint-worker.js', import.meta.url));
      return new Promise<void>((resolve, reject) => {
        const feed = () => {
          if (next >= paths.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const job = next++;
          worker.postMessage({job, path: paths[job]});
        };
        worker.on('message', (msg: {job: number} & PrintResult) => {
          const {job, ...result} = msg;
          results[job] = result as PrintResult;
          onDone(job, results[job]);
          feed();
        });
        worker.on('error', reject);
        feed();
      });
    }),
  );
  return results;
}
