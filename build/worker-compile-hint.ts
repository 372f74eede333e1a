/**
 * Puts V8's explicit compile hint at the top of the background's chunks: V8 then compiles all their
 * functions when the worker starts (about a second before the first page's load event after a
 * browser start) instead of at each function's first call, which is during the first cover's check.
 * Measured (.bench/ab-first.ts, 8 interleaved series of 8 browser starts per build, 2026-11-27):
 * load event -> marker medians lower with the hint in 7 of 8 series; pooled 740 against 780 ms,
 * means 756 against 793 ms (n=64 each). A worker woken by a check pays the compiling too: the
 * check's round trip right after a worker stop, bundled index, medians 407 ms without and 422 ms
 * with the hint (n=18 each, .bench/wake-ab.ts), within each other's ranges. Not for the content script: there the same hint cost the
 * page's main thread 11 ms of compiling up front for no clear gain (tests/bench/README.md).
 */
import type {Plugin} from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** What this needs of a Rollup output chunk (assets have type 'asset'). */
interface OutputFile {
  type: string;
  facadeModuleId?: string | null;
  imports?: string[];
  code?: string;
}

/** File names of the chunk built from `entry` and every chunk it imports, directly or not. */
export function chunksOf(bundle: Record<string, OutputFile>, entry: RegExp): string[] {
  const start = Object.keys(bundle).filter((f) => bundle[f].type === 'chunk' && entry.test(bundle[f].facadeModuleId ?? ''));
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f) || bundle[f]?.type !== 'chunk') return;
    seen.add(f);
    for (const i of bundle[f].imports ?? []) visit(i);
  };
  start.forEach(visit);
  return [...seen];
}

export function workerCompileHint(entry = /src[\\/]background[\\/]index\.ts$/): Plugin {
  return {
    name: 'cliche:worker-compile-hint',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = chunksOf(bundle as Record<string, OutputFile>, entry);
      if (files.length === 0) this.error('worker-compile-hint: no chunk built from the background entry');
      for (const f of files) {
        const chunk = bundle[f];
        if (chunk.type === 'chunk' && !chunk.code.startsWith(COMPILE_HINT)) chunk.code = COMPILE_HINT + chunk.code;
      }
    },
  };
}
