/** Puts the worker's long index steps in its performance timeline (the index-import bench reads them). */
export function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    // Only the latest of each step is kept: the timeline buffer would otherwise grow with every rebuild.
    performance.clearMeasures(`cliche:${name}`);
    performance.measure(`cliche:${name}`, {start, end: performance.now()});
  }
}

/** The same for an asynchronous step (its time includes whatever else ran meanwhile). */
export async function timedAsync<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.clearMeasures(`cliche:${name}`);
    performance.measure(`cliche:${name}`, {start, end: performance.now()});
  }
}
