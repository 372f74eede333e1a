/**
 * The extension service worker's longest tasks, from a Chromium trace ('toplevel' RunTask events of
 * its thread): wall time, and thread CPU time, which tells a long slice of ours from a thread that
 * the busy 2-core machine did not schedule.
 */
import {writeFileSync} from 'node:fs';
import type {BrowserContext, Page} from 'playwright-core';

interface TraceEvent {name: string; cat: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: {name?: string}}

export interface WorkerTasks {
  /** Tasks of the worker thread longer than 50 ms of wall time. */
  over50: number;
  /** The longest few, wall and CPU ms. */
  longest: {wallMs: number; cpuMs: number}[];
  /** Tasks over 50 ms of thread CPU time (ours, not the scheduler's). */
  cpuOver50: number;
}

let traces = 0;

/** Traces the browser while `during` runs and returns the service worker thread's long tasks. */
export async function workerTasksDuring(context: BrowserContext, page: Page, during: () => Promise<void>): Promise<WorkerTasks | null> {
  const browser = context.browser();
  if (!browser) return null;
  // CLICHE_TRACE_CATEGORIES=a,b adds trace categories (e.g. devtools.timeline,v8) to see inside a long task.
  const more = process.env.CLICHE_TRACE_CATEGORIES?.split(',').filter(Boolean) ?? [];
  await browser.startTracing(page, {categories: ['toplevel', ...more]});
  let raw: Buffer;
  try {
    await during();
  } finally {
    raw = await browser.stopTracing();
  }
  // CLICHE_TRACE=<file> keeps the trace, to look at in chrome://tracing or Perfetto.
  if (process.env.CLICHE_TRACE) writeFileSync(`${process.env.CLICHE_TRACE}.${traces++}.json`, raw);
  const events: TraceEvent[] = JSON.parse(raw.toString('utf8')).traceEvents;
  // Every worker thread of the trace: a stopped worker comes back on a new one.
  const threads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && /service ?worker/i.test(e.args?.name ?? '')).map((e) => `${e.pid}/${e.tid}`));
  if (threads.size === 0) return null;
  const tasks = events
    .filter((e) => threads.has(`${e.pid}/${e.tid}`) && e.ph === 'X' && /RunTask/.test(e.name))
    .map((e) => ({wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000}));
  // Nested RunTask events (a task inside a task) would count twice; the outermost ones are the longest anyway.
  tasks.sort((a, b) => b.wallMs - a.wallMs);
  return {over50: tasks.filter((t) => t.wallMs > 50).length, cpuOver50: tasks.filter((t) => t.cpuMs > 50).length, longest: tasks.slice(0, 5)};
}

export const fmtTasks = (t: WorkerTasks | null) => t
  ? `${t.over50} over 50 ms of wall time (${t.cpuOver50} over 50 ms of CPU); longest ${t.longest.map((x) => `${x.wallMs.toFixed(0)}/${x.cpuMs.toFixed(0)}`).join(', ')} ms (wall/CPU)`
  : 'no trace of the worker thread';
