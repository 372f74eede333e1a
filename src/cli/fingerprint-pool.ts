/** Fingerprints images (files or fetched bytes) on worker threads, one per core. */
import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import type {PhotoPrint} from '../core/fingerprint.js';

export type PrintResult = {print: PhotoPrint} | {error: string};

interface Job {
  input: string | Uint8Array;
  resolve: (r: PrintResult) => void;
}

/** A fixed set of workers fed from one queue: callers await each image's result. */
export class FingerprintPool {
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly busy = new Map<Worker, Job>();
  private failure: Error | undefined;

  constructor(threads = availableParallelism()) {
    for (let i = 0; i < Math.max(1, threads); i++) {
      const worker = new Worker(new URL('./fingerprint-worker.js', import.meta.url));
      worker.on('message', (result: PrintResult) => {
        this.busy.get(worker)!.resolve(result);
        this.busy.delete(worker);
        this.idle.push(worker);
        this.feed();
      });
      // A worker that dies takes its job with it: report it as that image's error, stop feeding.
      worker.on('error', (err) => {
        this.failure = err;
        this.busy.get(worker)?.resolve({error: `fingerprinting worker failed: ${err.message}`});
        this.busy.delete(worker);
      });
      this.idle.push(worker);
    }
  }

  /** A path is read by the worker; bytes are moved to it (the caller's array is emptied). */
  run(input: string | Uint8Array): Promise<PrintResult> {
    if (this.failure) return Promise.resolve({error: `fingerprinting worker failed: ${this.failure.message}`});
    return new Promise((resolve) => {
      this.queue.push({input, resolve});
      this.feed();
    });
  }

  private feed(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      if (typeof job.input === 'string') worker.postMessage({path: job.input});
      else worker.postMessage({bytes: job.input}, [job.input.buffer as ArrayBuffer]);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }
}

/** Fingerprints files, results in input order (the bench's build-rate figure uses this). */
export async function fingerprintFiles(paths: string[], onDone: (i: number, r: PrintResult) => void, threads = availableParallelism()): Promise<PrintResult[]> {
  if (paths.length === 0) return [];
  const pool = new FingerprintPool(Math.min(threads, paths.length));
  try {
    return await Promise.all(
      paths.map(async (p, i) => {
        const r = await pool.run(p);
        onDone(i, r);
        return r;
      }),
    );
  } finally {
    await pool.close();
  }
}
