/** Keeps an API's requests within its published rate and within what its rate-limit headers say is left. */
import {FatalError} from '../args.js';

/**
 * Longest wait the build sits out on its own; past it the build stops (its checkpoint kept) and says
 * when to run it again. 15 minutes covers Pixabay's one-minute window and part of Pexels' hour, but
 * not a monthly quota that resets in days.
 */
export const MAX_WAIT_MS = 15 * 60 * 1000;

export class RateLimitStop extends FatalError {
  override name = 'RateLimitStop';
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export class RateLimiter {
  private readonly sent: number[] = [];
  private blockedUntil = 0;

  constructor(
    /** Requests allowed per window by the API's terms, e.g. 100 per 60 s for Pixabay. */
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock = realClock,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Waits until one more request is allowed, then counts it. */
  async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.sent.length && this.sent[0] <= now - this.windowMs) this.sent.shift();
      const until = Math.max(this.blockedUntil, this.sent.length >= this.limit ? this.sent[0] + this.windowMs : 0);
      if (until <= now) break;
      await this.wait(until - now);
    }
    this.sent.push(this.clock.now());
  }

  /**
   * Reads X-RateLimit-Remaining / -Reset. Reset is seconds from now at Pixabay and a UNIX time at
   * Pexels; a value past 10^9 can only be the latter.
   */
  observe(headers: Headers): void {
    const remaining = Number(headers.get('x-ratelimit-remaining') ?? NaN);
    const reset = Number(headers.get('x-ratelimit-reset') ?? NaN);
    if (remaining !== 0 || !Number.isFinite(reset)) return;
    this.blockedUntil = reset > 1e9 ? reset * 1000 : this.clock.now() + reset * 1000;
  }

  /** Also used for Retry-After on a 429. */
  async wait(ms: number): Promise<void> {
    if (ms > MAX_WAIT_MS) {
      const at = new Date(this.clock.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z');
      throw new RateLimitStop(`the API's rate limit is used up until ${at}; run the same command again then (the build resumes where it stopped)`);
    }
    if (ms >= 5000) this.log(`rate limit: waiting ${Math.ceil(ms / 1000)} s`);
    await this.clock.sleep(ms);
  }
}
