/**
 * Sends a page's checks to the background in few messages: each runtime.sendMessage cost the page
 * about 0.7 ms of main thread (bench:extension trace, 52 messages for a cover and 50 images).
 */

export interface CheckBatcher<Req, Res> {
  /** The answer to `req`. `urgent` (a cover or avatar) goes out at once in a message of its own. */
  ask(req: Req, urgent?: boolean): Promise<Res>;
}

type Waiting<Req, Res> = {req: Req; resolve(r: Res): void; reject(e: unknown): void};

/**
 * Requests wait while a message is in flight and go out together when none is: the check queue's
 * slots (CONCURRENCY) free up together when one answer comes back, so the next message carries all of them.
 * A message goes once it is full, or at the end of the task that asked (`later`, a zero timeout by
 * default) with what that task gathered.
 */
export function createCheckBatcher<Req, Res>(
  sendBatch: (reqs: Req[]) => Promise<Res[]>,
  maxPerMessage: number,
  later: (run: () => void) => void = (run) => void setTimeout(run, 0),
): CheckBatcher<Req, Res> {
  let waiting: Waiting<Req, Res>[] = [];
  let inFlight = 0;
  let scheduled = false;

  /** An urgent message is not waited for: the others go on beside it. */
  const send = (batch: Waiting<Req, Res>[], urgent: boolean) => {
    if (!urgent) inFlight++;
    sendBatch(batch.map((w) => w.req)).then(
      (answers) => batch.forEach((w, i) => (i < answers.length ? w.resolve(answers[i]) : w.reject(new Error('no answer for this check')))),
      (err) => batch.forEach((w) => w.reject(err)),
    ).finally(() => {
      if (urgent) return;
      inFlight--;
      schedule();
    });
  };

  const flush = () => {
    scheduled = false;
    if (inFlight > 0) return;
    while (waiting.length > 0) send(waiting.splice(0, maxPerMessage), false);
  };

  function schedule() {
    if (waiting.length === 0 || inFlight > 0) return;
    // A full message needs no more waiting (and no timer).
    if (waiting.length >= maxPerMessage) return flush();
    if (scheduled) return;
    scheduled = true;
    later(flush);
  }

  return {
    ask(req, urgent = false) {
      return new Promise<Res>((resolve, reject) => {
        const w = {req, resolve, reject};
        if (urgent) return send([w], true);
        waiting.push(w);
        schedule();
      });
    },
  };
}
