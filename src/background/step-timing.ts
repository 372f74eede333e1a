/** Puts a long synchronous step of the worker in its performance timeline (the index-import bench reads it). */
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
