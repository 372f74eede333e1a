/** Runs page checks a few at a time, each key once: a 500-image feed never floods the worker. */

/**
 * Checks in flight at once. The background matches one image at a time anyway (check-image.ts);
 * a bounded number in flight keeps it busy without queueing hundreds of checks on its side. The
 * checks in flight go out together (check-batch.ts), and each message costs the page's main thread:
 * 64 lets a whole scan's others (the generic finder takes at most 50) go in one message. Content-
 * script main thread on a cover and 50 images, 24 traced loads per build interleaved
 * (`.bench/cs-ab.ts`, 2026-11-27): medians 12.9 ms with 16, 11.8 ms with 64 (both with the page's
 * start message sent only when it has nothing to check; 16.4 ms before either).
 * The cost: the other images' markers come together once all are checked (a cover or avatar is
 * asked on its own, at once).
 */
export const CONCURRENCY = 64;

export interface CheckQueue<T> {
  /** The result for `key`: the one already asked for, or a new task queued behind the others. */
  run(key: string, task: () => Promise<T>): Promise<T>;
  /** Tasks waiting or running. */
  pending(): number;
  /** Forgets every key and drops tasks not started yet (a new page in a single-page app). */
  reset(): void;
}

export function createCheckQueue<T>(limit = CONCURRENCY): CheckQueue<T> {
  let results = new Map<string, Promise<T>>();
  let waiting: {start(): void; cancel(): void}[] = [];
  let running = 0;

  const next = () => {
    while (running < limit && waiting.length > 0) waiting.shift()!.start();
  };

  return {
    run(key, task) {
      const known = results.get(key);
      if (known) return known;
      const own = results;
      const result = new Promise<T>((resolve, reject) => {
        const start = () => {
          running++;
          task().then(resolve, reject).finally(() => {
            running--;
            next();
          });
        };
        waiting.push({start, cancel: () => reject(new Error('cancelled'))});
      });
      // A failed check may be asked again later (it is not an answer about the image).
      result.catch(() => own.get(key) === result && own.delete(key));
      results.set(key, result);
      next();
      return result;
    },
    pending: () => running + waiting.length,
    reset() {
      results = new Map();
      for (const w of waiting.splice(0)) w.cancel();
    },
  };
}
