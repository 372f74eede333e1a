/**
 * Turns on the CPU for the checks' decode + match, one at a time: covers first, then avatars, then
 * other images, in arrival order within each; and while a cover's check is in flight (download,
 * match, history and tab bookkeeping), the others do not start (for a bounded time).
 *
 * Why: on the first page after a browser start (bench:extension, load-to-marker.ts steps), the
 * avatar's download finished first, so its cold decode and match (~450 ms) ran while the cover was
 * still downloading, and the cover, the marker the user looks for, waited behind it. Once the cover
 * went first, its history write and tab update (storage round trips) still waited ~100 ms for the
 * avatar's match, which had started meanwhile and holds the thread.
 */
import type {Slot} from '../shared/flag.js';

const RANK: Record<Slot, number> = {cover: 0, avatar: 1, other: 2};
/** How long other images hold back for a cover's check at most: a stalled download must not stop them. */
export const COVER_HOLD_MS = 1000;

export interface CpuTurns {
  /** Runs `task` on its turn; resolves or rejects with it. */
  run<T>(slot: Slot, task: () => Promise<T>): Promise<T>;
  /** Wraps a cover's check: other images do not start while it runs (up to COVER_HOLD_MS from now). */
  holdOthers<T>(coverCheck: Promise<T>): Promise<T>;
}

export function createCpuTurns(now: () => number = Date.now, later: (run: () => void, ms: number) => void = (r, ms) => void setTimeout(r, ms)): CpuTurns {
  const waiting: {rank: number; start: () => void}[] = [];
  let busy = false;
  let covers = 0;
  let holdUntil = 0;
  let timerSet = false;

  function next(): void {
    if (busy || waiting.length === 0) return;
    let best = 0;
    for (let i = 1; i < waiting.length; i++) if (waiting[i].rank < waiting[best].rank) best = i;
    if (waiting[best].rank > RANK.cover && covers > 0 && now() < holdUntil) {
      if (!timerSet) {
        timerSet = true;
        later(() => { timerSet = false; next(); }, holdUntil - now());
      }
      return;
    }
    busy = true;
    waiting.splice(best, 1)[0].start();
  }

  return {
    run(slot, task) {
      return new Promise((resolve, reject) => {
        waiting.push({rank: RANK[slot], start: () => {
          // Through a promise, so a task that throws at once still ends its turn.
          Promise.resolve().then(task).then(resolve, reject).finally(() => { busy = false; next(); });
        }});
        next();
      });
    },
    holdOthers(coverCheck) {
      covers++;
      holdUntil = Math.max(holdUntil, now() + COVER_HOLD_MS);
      return coverCheck.finally(() => { covers--; next(); });
    },
  };
}
