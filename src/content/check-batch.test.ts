import {describe, expect, it} from 'vitest';
import {createCheckBatcher} from './check-batch.js';

/** A background whose answers the test releases message by message; `later` runs when the test says. */
function setup(max = 4) {
  const messages: {reqs: string[]; answer(): void; fail(): void}[] = [];
  const pending: (() => void)[] = [];
  const batcher = createCheckBatcher<string, string>(
    (reqs) => new Promise((resolve, reject) => messages.push({reqs, answer: () => resolve(reqs.map((r) => `answer ${r}`)), fail: () => reject(new Error('lost'))})),
    max,
    (run) => void pending.push(run),
  );
  const endOfTask = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
    for (const run of pending.splice(0)) run();
  };
  return {batcher, messages, endOfTask};
}

describe('check batcher', () => {
  it('sends what was asked within one task in one message, answering each in order', async () => {
    const s = setup();
    const answers = Promise.all(['a', 'b', 'c'].map((r) => s.batcher.ask(r)));
    expect(s.messages).toHaveLength(0);
    await s.endOfTask();
    expect(s.messages.map((m) => m.reqs)).toEqual([['a', 'b', 'c']]);
    s.messages[0].answer();
    await expect(answers).resolves.toEqual(['answer a', 'answer b', 'answer c']);
  });
  it('holds new checks while a message is in flight, then sends them together', async () => {
    const s = setup();
    void s.batcher.ask('a');
    await s.endOfTask();
    const later = [s.batcher.ask('b'), s.batcher.ask('c')];
    await s.endOfTask();
    expect(s.messages).toHaveLength(1);
    s.messages[0].answer();
    await s.endOfTask();
    expect(s.messages.map((m) => m.reqs)).toEqual([['a'], ['b', 'c']]);
    s.messages[1].answer();
    await expect(Promise.all(later)).resolves.toEqual(['answer b', 'answer c']);
  });
  it('sends an urgent check at once, alone, and does not hold the others for it', async () => {
    const s = setup();
    void s.batcher.ask('cover', true);
    void s.batcher.ask('a');
    await s.endOfTask();
    void s.batcher.ask('avatar', true);
    expect(s.messages.map((m) => m.reqs)).toEqual([['cover'], ['a'], ['avatar']]);
  });
  it('sends a full message at once, and holds the rest until it is answered', async () => {
    const s = setup(2);
    for (const r of ['a', 'b', 'c', 'd', 'e']) void s.batcher.ask(r);
    expect(s.messages.map((m) => m.reqs)).toEqual([['a', 'b']]);
    s.messages[0].answer();
    await s.endOfTask();
    expect(s.messages.map((m) => m.reqs)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });
  it('fails every check of a lost message (the caller retries), and goes on with the next', async () => {
    const s = setup();
    const lost = [s.batcher.ask('a'), s.batcher.ask('b')];
    await s.endOfTask();
    s.messages[0].fail();
    for (const p of lost) await expect(p).rejects.toThrow('lost');
    const next = s.batcher.ask('c');
    await s.endOfTask();
    s.messages[1].answer();
    await expect(next).resolves.toBe('answer c');
  });
});
