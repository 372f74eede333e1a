/** Puts the worker's long index steps in its performance timeline (the index-import bench reads them). */

function record(name: string, start: number, end: number): void {
  // Only the latest of each step is kept: the timeline buffer would otherwise grow with every rebuild.
  performance.clearMeasures(`cliche:${name}`);
  performance.measure(`cliche:${name}`, {start, end});
}

export function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    record(name, start, performance.now());
  }
}

/**
 * Steps of the first checks after the worker starts, each under its number ("check 1 fetch"): what
 * the first page after a browser start waits for. Later checks are not recorded, so the timeline
 * stays bounded.
 */
export const TIMED_CHECKS = 4;

/** timedAsync for check number `n` (of `what`), or just `work()` past TIMED_CHECKS. */
export function timedCheck<T>(n: number, step: string, work: () => Promise<T>, what = 'check'): Promise<T> {
  return n <= TIMED_CHECKS ? timedAsync(`${what} ${n} ${step}`, work) : work();
}

/** The same for an asynchronous step (its time includes whatever else ran meanwhile). */
export async function timedAsync<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    record(name, start, performance.now());
  }
}

/**
 * A sliced step (it calls the pause it is given between slices): its wall time as `name`, and its
 * longest run without a pause as `longest slice <name>`, the time a message may wait behind it.
 */
export async function timedSlices<T>(name: string, pause: () => Promise<void>, work: (pause: () => Promise<void>) => Promise<T>): Promise<T> {
  const start = performance.now();
  let since = start;
  let longest = {start, end: start};
  const note = () => {
    const now = performance.now();
    if (now - since > longest.end - longest.start) longest = {start: since, end: now};
  };
  try {
    return await work(async () => {
      note();
      await pause();
      since = performance.now();
    });
  } finally {
    note();
    record(name, start, performance.now());
    record(`longest slice ${name}`, longest.start, longest.end);
  }
}
