/** Paces the worker's sliced index steps (a real pause per time budget) and puts its long steps in its performance timeline (the index-import bench reads them). */

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
 * Work a sliced step does between two real pauses, ms. The core's sliced steps yield every few ms
 * of work (less on a fast machine); pausing at each yield would cost a pause (a posted message, and
 * a wait while a check is answered) per slice, so yields within the budget go straight on. A check
 * arriving during the work waits at most about this long plus one slice.
 */
export const SLICE_BUDGET_MS = 8;

export interface SliceOptions {
  budgetMs?: number;
  now?: () => number;
}

/**
 * A sliced step (it calls the pause it is given between slices), paused for real once per
 * SLICE_BUDGET_MS of work: its wall time as `name`, and its longest run without a real pause as
 * `longest slice <name>`, the time a message may wait behind it.
 */
export async function timedSlices<T>(name: string, pause: () => Promise<void>, work: (pause: () => Promise<void>) => Promise<T>, o: SliceOptions = {}): Promise<T> {
  const budget = o.budgetMs ?? SLICE_BUDGET_MS;
  const now = o.now ?? (() => performance.now());
  const start = now();
  let since = start;
  let longest = {start, end: start};
  const note = () => {
    const at = now();
    if (at - since > longest.end - longest.start) longest = {start: since, end: at};
  };
  try {
    return await work(async () => {
      if (now() - since < budget) return;
      note();
      await pause();
      since = now();
    });
  } finally {
    note();
    record(name, start, now());
    record(`longest slice ${name}`, longest.start, longest.end);
  }
}
