import {describe, expect, it, vi} from 'vitest';
import type {QueryPrint} from '../core/fingerprint.js';
import type {Match, MatchOptions} from '../core/matcher.js';
import type {StreamedSearch} from '../core/streamed-search.js';
import {BatchedSearch, mergeMatches} from './index-search.js';

const query = (n: number) => ({workW: n}) as unknown as QueryPrint;
const match = (id: string, score: number) => ({photo: 0, meta: {id}, score, region: [0, 0, 1, 1], inside: 9, agreeing: 9}) as Match;

describe('BatchedSearch', () => {
  it('sends the checks that arrive during a pass together in the next one, each cut to its own threshold', async () => {
    // A stand-in search: query n finds photo n with score n / 10.
    const search = vi.fn(async (qs: QueryPrint[], _options: MatchOptions) => qs.map((q) => [match(`p${q.workW}`, q.workW / 10)]));
    const batched = new BatchedSearch({search} as unknown as StreamedSearch, 'key', 3);
    const answers = await Promise.all([batched.match(query(7), {}), batched.match(query(9), {threshold: 0.8}), batched.match(query(5), {threshold: 0.6})]);
    expect(search.mock.calls.map(([qs]) => qs.map((q) => q.workW))).toEqual([[7], [9, 5]]);
    // The second pass asked for the lowest threshold of its batch.
    expect(search.mock.calls[1][1]).toMatchObject({threshold: 0.6});
    expect(answers.map((a) => a.map((m) => m.meta.id))).toEqual([['p7'], ['p9'], []]);
  });

  it('fails the checks of a pass that fails, and serves the next ones', async () => {
    const search = vi.fn().mockRejectedValueOnce(new Error('the stored file is gone')).mockResolvedValue([[match('p1', 0.9)]]);
    const batched = new BatchedSearch({search} as unknown as StreamedSearch, 'key', 1);
    await expect(batched.match(query(1), {})).rejects.toThrow('the stored file is gone');
    await expect(batched.match(query(1), {})).resolves.toHaveLength(1);
  });
});

describe('mergeMatches', () => {
  it('keeps the best match per photo across the in-memory and streamed answers, best first', () => {
    const merged = mergeMatches([[match('a', 0.7), match('b', 0.9)], [match('a', 0.8)]], 5);
    expect(merged.map((m) => [m.meta.id, m.score])).toEqual([['b', 0.9], ['a', 0.8]]);
  });
});
