/** A progress line with rate and ETA on a terminal; plain periodic lines when stderr is not a TTY. */

export class Progress {
  private done = 0;
  private readonly started = Date.now();
  private lastPrint = 0;
  /** A terminal line is open (no newline yet). */
  private open = false;

  constructor(
    private readonly label: string,
    /** 0 while unknown: network sources learn it from their first page. */
    private total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  setTotal(total: number): void {
    this.total = total;
  }

  tick(n = 1): void {
    this.done += n;
    const now = Date.now();
    const tty = this.out.isTTY;
    // The last photo always prints; a total that was an estimate (shards) may be passed, not met.
    if (this.done !== this.total && now - this.lastPrint < (tty ? 100 : 5000)) return;
    this.lastPrint = now;
    const elapsed = (now - this.started) / 1000;
    const rate = this.done / Math.max(elapsed, 1e-3);
    const total = Math.max(this.total, this.done);
    const eta = rate > 0 && this.total > 0 ? (total - this.done) / rate : NaN;
    const width = 24;
    const filled = Math.round((width * this.done) / Math.max(total, 1));
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line = `${this.label} ${bar} ${this.done}/${this.total || '?'} ${rate.toFixed(1)}/s ETA ${formatSeconds(eta)}`;
    this.open = tty && this.done !== this.total;
    if (tty) this.out.write(`\r${line}\x1b[K${this.open ? '' : '\n'}`);
    else this.out.write(`${line}\n`);
  }

  /** Ends an open terminal line, so what follows starts on its own line. */
  finish(): void {
    if (this.open) this.out.write('\n');
    this.open = false;
  }
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}
