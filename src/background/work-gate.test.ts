import {describe, expect, it} from 'vitest';
import {createWorkGate, MAX_GIVE_WAY_MS} from './work-gate.js';

const check = {type: 'checkImage', req: {}};
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A reply the test settles by hand. */
function pending() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return {promise, resolve};
}

/** A gate with a fake timer: `fire()` runs the give-way limit's timeout. */
function gate() {
  const timers: {ms: number; done: () => void}[] = [];
  const g = createWorkGate({yieldNow: async () => undefined, timer: (ms, done) => {
    const t = {ms, done};
    timers.push(t);
    return () => timers.splice(timers.indexOf(t), 1);
  }});
  return {g, timers};
}

/** Whether `p` settled by the time queued callbacks have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await settle();
  return done;
}

describe('work gate', () => {
  it('lets background work go on at once when no answer is in progress', async () => {
    const {g} = gate();
    expect(await settled(g.pause(() => true))).toBe(true);
  });

  it('holds background slices while a check is answered, and resumes them when it is', async () => {
    const {g, timers} = gate();
    const reply = pending();
    expect(g.hold(check, reply.promise)).toBe(reply.promise);
    const slice = g.pause(() => true);
    expect(await settled(slice)).toBe(false);
    reply.resolve();
    expect(await settled(slice)).toBe(true);
    expect(g.busy).toBe(0);
    expect(timers).toHaveLength(0); // the limit's timer was cancelled
  });

  it('a failed answer releases the gate too', async () => {
    const {g} = gate();
    const reply = Promise.reject(new Error('no such image'));
    g.hold(check, reply)?.catch(() => undefined);
    await settle();
    expect(g.busy).toBe(0);
  });

  it('before a matcher is ready, does not wait for checks (they wait for it), but for other requests', async () => {
    const {g} = gate();
    g.hold(check, pending().promise);
    g.hold({type: 'checkImages', req: {}}, pending().promise);
    expect(await settled(g.pause(() => false))).toBe(true);
    const scanStarted = pending();
    g.hold({type: 'pageScanStarted', req: {}}, scanStarted.promise);
    const slice = g.pause(() => false);
    expect(await settled(slice)).toBe(false);
    scanStarted.resolve();
    expect(await settled(slice)).toBe(true);
  });

  it('never counts requests that may wait for index preparation themselves', async () => {
    const {g} = gate();
    g.hold({type: 'subscribeIndex', req: {}}, pending().promise);
    g.hold({type: 'getIndexes', req: {}}, pending().promise);
    expect(g.busy).toBe(0);
    expect(await settled(g.pause(() => true))).toBe(true);
  });

  it('passes through messages the router left to others', () => {
    const {g} = gate();
    expect(g.hold(check, undefined)).toBeUndefined();
    expect(g.busy).toBe(0);
  });

  it('waits at most MAX_GIVE_WAY_MS for an answer that does not end', async () => {
    const {g, timers} = gate();
    g.hold(check, pending().promise);
    const slice = g.pause(() => true);
    expect(await settled(slice)).toBe(false);
    expect(timers.map((t) => t.ms)).toEqual([MAX_GIVE_WAY_MS]);
    timers[0].done();
    expect(await settled(slice)).toBe(true);
  });
});
