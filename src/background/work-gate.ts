/**
 * Lets index preparation (decode, combine, lookup tables: seconds of slices for a 50 MB index)
 * give way to checks and popup messages while the previous matcher still answers them. Yielding
 * between slices was not enough: a check's answer takes a dozen event-loop turns (storage, fetch,
 * decode), each of which waited behind a slice, so checks took 7 times as long during an import.
 */
import {yieldToEvents} from './index-verify.js';

/** Requests that may themselves wait for index preparation (directly, or for a page scan): never held as foreground. */
const BACKGROUND_TYPES = new Set(['getIndexes', 'importIndex', 'subscribeIndex', 'setIndexEnabled', 'setIndexUpdateDays', 'updateIndex', 'removeIndex', 'scanTab']);
/** Requests answered with the matcher: before the first one is ready they wait for the preparation, so it cannot wait for them. */
const CHECK_TYPES = new Set(['checkImage', 'checkImages', 'autoScanPage']);

/**
 * Longest a slice waits for answers in progress: an image download that stalls (up to its 20 s
 * timeout) or a page that checks without a break must slow an import, not stop it.
 */
export const MAX_GIVE_WAY_MS = 1000;

export interface WorkGate {
  /** Counts `reply` as foreground work until it settles (unless `message` is about indexes); returns it unchanged. */
  hold<T>(message: unknown, reply: Promise<T> | undefined): Promise<T> | undefined;
  /**
   * Between two slices of background work: a yield, then a wait, at most MAX_GIVE_WAY_MS, until
   * no foreground work runs; when no matcher is `ready()` yet, only until no request other than
   * checks runs. (The first page's content script asks pageScanStarted before its checks: that
   * answer waited for the whole first index load.)
   */
  pause(ready: () => boolean): Promise<void>;
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
  let checks = 0;
  let others = 0;
  /** Each waiter says whether it can go on now. */
  let waiters: (() => boolean)[] = [];
  const settled = () => {
    waiters = waiters.filter((w) => !w());
  };
  return {
    get busy() {
      return checks + others;
    },
    hold(message, reply) {
      const type = (message as {type?: unknown} | null)?.type as string;
      if (!reply || BACKGROUND_TYPES.has(type)) return reply;
      const isCheck = CHECK_TYPES.has(type);
      if (isCheck) checks++;
      else others++;
      const release = () => {
        if (isCheck) checks--;
        else others--;
        settled();
      };
      reply.then(release, release);
      return reply;
    },
    async pause(ready) {
      await yieldNow();
      const clear = () => others === 0 && (checks === 0 || !ready());
      if (clear()) return;
      await new Promise<void>((resolve) => {
        const cancel = timer(MAX_GIVE_WAY_MS, () => {
          waiters = waiters.filter((w) => w !== go);
          resolve();
        });
        const go = () => {
          if (!clear()) return false;
          cancel();
          resolve();
          return true;
        };
        waiters.push(go);
      });
    },
  };
}
