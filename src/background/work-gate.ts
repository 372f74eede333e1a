/**
 * Lets index preparation (decode, combine, lookup tables: seconds of slices for a 50 MB index)
 * give way to checks and popup messages while the previous matcher still answers them. Yielding
 * between slices was not enough: a check's answer takes a dozen event-loop turns (storage, fetch,
 * decode), each of which waited behind a slice, so checks took 7 times as long during an import.
 */
import {yieldToEvents} from './index-verify.js';

/** Requests that may themselves wait for index preparation (directly, or for a page scan): never held as foreground. */
const BACKGROUND_TYPES = new Set(['getIndexes', 'importIndex', 'subscribeIndex', 'setIndexEnabled', 'setIndexUpdateDays', 'updateIndex', 'removeIndex', 'scanTab']);

/**
 * Longest a slice waits for answers in progress: an image download that stalls (up to its 20 s
 * timeout) or a page that checks without a break must slow an import, not stop it.
 */
export const MAX_GIVE_WAY_MS = 1000;

export interface WorkGate {
  /** Counts `reply` as foreground work until it settles (unless `message` is about indexes); returns it unchanged. */
  hold<T>(message: unknown, reply: Promise<T> | undefined): Promise<T> | undefined;
  /**
   * Between two slices of background work: a yield, then, if `giveWay()` (something else can
   * answer meanwhile), a wait until no foreground work runs, at most MAX_GIVE_WAY_MS.
   */
  pause(giveWay: () => boolean): Promise<void>;
  /** Foreground replies being answered now (for tests and diagnosis). */
  readonly busy: number;
}

export interface GateDeps {
  yieldNow?: () => Promise<void>;
  /** Resolves after `ms`; returns a cancel function. */
  timer?: (ms: number, done: () => void) => () => void;
}

const realTimer = (ms: number, done: () => void) => {
  const t = setTimeout(done, ms);
  return () => clearTimeout(t);
};

export function createWorkGate(deps: GateDeps = {}): WorkGate {
  const yieldNow = deps.yieldNow ?? yieldToEvents;
  const timer = deps.timer ?? realTimer;
  let busy = 0;
  let waiters: (() => void)[] = [];
  const release = () => {
    if (--busy > 0) return;
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  };
  return {
    get busy() {
      return busy;
    },
    hold(message, reply) {
      const type = (message as {type?: unknown} | null)?.type;
      if (!reply || BACKGROUND_TYPES.has(type as string)) return reply;
      busy++;
      reply.then(release, release);
      return reply;
    },
    async pause(giveWay) {
      await yieldNow();
      if (busy === 0 || !giveWay()) return;
      await new Promise<void>((resolve) => {
        const cancel = timer(MAX_GIVE_WAY_MS, () => {
          waiters = waiters.filter((w) => w !== done);
          resolve();
        });
        const done = () => {
          cancel();
          resolve();
        };
        waiters.push(done);
      });
    },
  };
}
