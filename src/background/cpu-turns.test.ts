import {describe, expect, it} from 'vitest';
import {COVER_HOLD_MS, createCpuTurns} from './cpu-turns.js';

/** A task that records its start and ends when `finish()` is called. */
function task(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  return {run: () => { log.push(name); return done.then(() => name); }, finish: () => finish()};
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('createCpuTurns', () => {
  it('runs one task at a time: covers, then avatars, then others, in arrival order within each', async () => {
    const log: string[] = [];
    const turns = createCpuTurns();
    const [first, other1, avatar, other2, cover] = ['first', 'other1', 'avatar', 'other2', 'cover'].map((n) => task(log, n));
    const results = [turns.run('other', first.run), turns.run('other', other1.run), turns.run('avatar', avatar.run), turns.run('other', other2.run), turns.run('cover', cover.run)];
    await settle();
    expect(log).toEqual(['first']);
    for (const t of [first, cover, avatar, other1, other2]) {
      t.finish();
      await settle();
    }
    expect(log).toEqual(['first', 'cover', 'avatar', 'other1', 'other2']);
    expect(await Promise.all(results)).toEqual(['first', 'other1', 'avatar', 'other2', 'cover']);
  });

  it('a failed task rejects its own caller only, and the next one runs', async () => {
    const turns = createCpuTurns();
    const failed = turns.run('cover', async () => { throw new Error('bad image'); });
    await expect(failed).rejects.toThrow('bad image');
    const thrown = turns.run('cover', () => { throw new Error('thrown at once'); });
    await expect(thrown).rejects.toThrow('thrown at once');
    await expect(turns.run('other', async () => 'next')).resolves.toBe('next');
  });

  it('holds other images while a cover is checked, until it is done or COVER_HOLD_MS has passed', async () => {
    let clock = 0;
    const timers: {at: number; run: () => void}[] = [];
    const turns = createCpuTurns(() => clock, (run, ms) => void timers.push({at: clock + ms, run}));
    const log: string[] = [];
    let arrive!: () => void;
    const coverCheck = turns.holdOthers(new Promise<void>((r) => (arrive = r)));
    const avatar = task(log, 'avatar');
    void turns.run('avatar', avatar.run);
    await settle();
    expect(log).toEqual([]);
    arrive();
    await coverCheck;
    await settle();
    expect(log).toEqual(['avatar']);
    avatar.finish();

    // A cover check that never ends holds the others for COVER_HOLD_MS only.
    void turns.holdOthers(new Promise(() => undefined));
    const other = task(log, 'other');
    void turns.run('other', other.run);
    await settle();
    expect(log).toEqual(['avatar']);
    expect(timers.at(-1)!.at).toBe(clock + COVER_HOLD_MS);
    clock += COVER_HOLD_MS;
    timers.at(-1)!.run();
    await settle();
    expect(log).toEqual(['avatar', 'other']);
  });
});
