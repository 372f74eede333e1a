import {describe, expect, it} from 'vitest';
import {createCheckQueue} from './check-queue.js';

/** A task that resolves when the test says so, counting how many run at once. */
function gate() {
  let running = 0;
  let max = 0;
  const started: string[] = [];
  const open = new Map<string, () => void>();
  const task = (key: string) => () => {
    started.push(key);
    running++;
    max = Math.max(max, running);
    return new Promise<string>((resolve) => open.set(key, () => {
      running--;
      resolve(`result ${key}`);
    }));
  };
  const finish = async (key: string) => {
    open.get(key)!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return {task, finish, started, max: () => max};
}

describe('check queue', () => {
  it('never runs more than the limit at once, and starts the rest in order as others finish', async () => {
    const g = gate();
    const q = createCheckQueue<string>(3);
    const keys = Array.from({length: 10}, (_, i) => `u${i}`);
    const results = keys.map((k) => q.run(k, g.task(k)));
    expect(g.started).toEqual(['u0', 'u1', 'u2']);
    expect(q.pending()).toBe(10);
    for (const k of keys) await g.finish(k);
    await expect(Promise.all(results)).resolves.toEqual(keys.map((k) => `result ${k}`));
    expect(g.max()).toBe(3);
    expect(g.started).toEqual(keys);
    expect(q.pending()).toBe(0);
  });
  it('asks about each key once: a rescan gets the answer already given or coming', async () => {
    const g = gate();
    const q = createCheckQueue<string>(2);
    const first = q.run('a', g.task('a'));
    const again = q.run('a', g.task('a'));
    await g.finish('a');
    expect(await again).toBe(await first);
    expect(await q.run('a', g.task('a'))).toBe('result a');
    expect(g.started).toEqual(['a']);
  });
  it('forgets a failed key so it can be asked again', async () => {
    const q = createCheckQueue<string>(1);
    await expect(q.run('a', () => Promise.reject(new Error('no answer')))).rejects.toThrow('no answer');
    await expect(q.run('a', async () => 'second try')).resolves.toBe('second try');
  });
  it('reset drops waiting tasks (they reject) and forgets every key', async () => {
    const g = gate();
    const q = createCheckQueue<string>(1);
    const running = q.run('a', g.task('a'));
    const waiting = q.run('b', g.task('b'));
    q.reset();
    await expect(waiting).rejects.toThrow('cancelled');
    await g.finish('a');
    await expect(running).resolves.toBe('result a');
    void q.run('a', g.task('a'));
    expect(g.started).toEqual(['a', 'a']);
  });
});
