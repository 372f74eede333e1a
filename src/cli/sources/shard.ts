/** `--shard i/n`: which photos one of n independent builds takes, decided by each photo's id alone. */
import {UsageError} from '../args.js';

export interface Shard {
  /** 0-based shard number. */
  index: number;
  count: number;
}

/** Parses the 1-based `i/n` a user types (`1/4` ... `4/4`). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!(n >= 1 && i >= 1 && i <= n)) throw new UsageError(`--shard must be i/n with 1 <= i <= n, e.g. 1/4 (got ${text})`);
  return {index: i - 1, count: n};
}

/**
 * FNV-1a over the id's UTF-16 code units. Hashing the id, not the photo's position, keeps the split
 * the same when an API returns pages in another order or a listing grows between the shards' runs:
 * every photo still lands in exactly one shard.
 */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const inShard = (id: string, shard: Shard | undefined): boolean => !shard || idHash(id) % shard.count === shard.index;
