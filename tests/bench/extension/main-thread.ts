/**
 * Main-thread time spent in the content script on one page load, from a Chromium trace: V8's CPU
 * samples of the page's renderer main thread whose stack holds a frame of our script (JS and the
 * style/layout it forces, e.g. getBoundingClientRect), plus V8 compiling the script.
 */
import type {BrowserContext} from 'playwright-core';

interface TraceEvent {name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; id?: string; args?: any} // eslint-disable-line @typescript-eslint/no-explicit-any
interface ProfileNode {id: number; parent?: number; callFrame: {url?: string}}

const CATEGORIES = ['devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'];

export interface MainThreadCost {
  /** Sampled CPU time with a content-script frame on the stack, ms. */
  scriptMs: number;
  compileMs: number;
  /** The script's first evaluation (start-up, before the scan), as traced; included in scriptMs. */
  evaluateMs: number;
}

/** Loads `url`, waits for `settled` (e.g. the marker and every check done), returns the cost. */
export async function contentScriptCost(context: BrowserContext, url: string, scriptUrlPrefix: string, settled: (p: import('playwright-core').Page) => Promise<void>): Promise<MainThreadCost> {
  const browser = context.browser()!;
  const page = await context.newPage();
  await browser.startTracing(page, {categories: CATEGORIES});
  await page.goto(url, {waitUntil: 'load'});
  await settled(page);
  const events: TraceEvent[] = JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents;
  await page.close();
  const ours = (e: TraceEvent) => String(e.args?.data?.url ?? '').startsWith(scriptUrlPrefix);
  const evaluate = events.find((e) => e.name === 'EvaluateScript' && ours(e));
  if (!evaluate) throw new Error('content script evaluation not found in the trace');
  const onMain = (e: TraceEvent) => e.pid === evaluate.pid && e.tid === evaluate.tid;
  const compileMs = events.filter((e) => e.name === 'v8.compile' && onMain(e) && ours(e)).reduce((s, e) => s + (e.dur ?? 0), 0) / 1000;
  return {scriptMs: sampledMs(events, evaluate, scriptUrlPrefix), compileMs, evaluateMs: (evaluate.dur ?? 0) / 1000};
}

/** Sums the CPU-profile samples of the evaluating thread whose stack contains one of our frames. */
function sampledMs(events: TraceEvent[], evaluate: TraceEvent, scriptUrlPrefix: string): number {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === evaluate.pid && e.tid === evaluate.tid);
  if (!profile) throw new Error('no CPU profile for the page main thread');
  const nodes = new Map<number, ProfileNode>();
  const samples: number[] = [];
  const deltas: number[] = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== profile.pid || e.id !== profile.id) continue;
    const cpu = e.args.data.cpuProfile ?? {};
    for (const n of cpu.nodes ?? []) nodes.set(n.id, n);
    samples.push(...(cpu.samples ?? []));
    deltas.push(...(e.args.data.timeDeltas ?? []));
  }
  const memo = new Map<number, boolean>();
  const inScript = (id: number | undefined): boolean => {
    if (id === undefined) return false;
    if (memo.has(id)) return memo.get(id)!;
    const n = nodes.get(id);
    const v = !!n && ((n.callFrame.url ?? '').startsWith(scriptUrlPrefix) || inScript(n.parent));
    memo.set(id, v);
    return v;
  };
  let us = 0;
  // A sample's duration is the gap to the next one (V8 records the delta before each sample).
  for (let i = 0; i < samples.length - 1; i++) if (inScript(samples[i])) us += Math.max(0, deltas[i + 1]);
  return us / 1000;
}

/**
 * The page renderer's main-thread CPU time for one load of `url`: the thread time of every outermost
 * task (trace category 'toplevel', whose events nest: a mojo message inside its task) on the busiest
 * renderer main thread, from navigation until `settled` returns. `after` runs once the trace has
 * stopped (e.g. to check the marker without adding to the traced work).
 */
export async function pageMainThreadMs(context: BrowserContext, url: string, settled: (p: import('playwright-core').Page, started: number) => Promise<void>, after: (p: import('playwright-core').Page) => Promise<void>): Promise<number> {
  const browser = context.browser()!;
  const page = await context.newPage();
  await browser.startTracing(page, {categories: ['toplevel']});
  const started = Date.now();
  await page.goto(url, {waitUntil: 'load'});
  await settled(page, started);
  const events: TraceEvent[] = JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents;
  await after(page);
  await page.close();
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  const cpuMs = new Map<string, number>();
  const busyUntil = new Map<string, number>();
  for (const e of events.filter((x) => x.ph === 'X' && x.tdur !== undefined).sort((a, b) => a.ts - b.ts)) {
    const thread = `${e.pid}:${e.tid}`;
    if (threadNames.get(thread) !== 'CrRendererMain' || e.ts < (busyUntil.get(thread) ?? -Infinity)) continue;
    busyUntil.set(thread, e.ts + (e.dur ?? 0));
    cpuMs.set(thread, (cpuMs.get(thread) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  // The extension's own pages and spare renderers idle at under a millisecond; the page is the busiest.
  return Math.max(0, ...cpuMs.values());
}
