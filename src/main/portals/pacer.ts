/**
 * Keeps a run polite: at least `pacingMs` between two portal requests and at most
 * `maxPerMinute` requests in any sliding minute. Every connector action that hits a portal
 * awaits `pacer.turn()` first.
 */
export class Pacer {
  private readonly recent: number[] = [];
  private last = -Infinity;
  private turns = 0;

  constructor(
    private readonly pacingMs: number,
    private readonly maxPerMinute: number,
    private readonly clock: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** How long the next request must wait, given the requests made so far. */
  waitMs(now = this.clock()): number {
    this.forgetOlderThanAMinute(now);
    const byPace = this.last + this.pacingMs - now;
    const byCap = this.recent.length >= this.maxPerMinute ? (this.recent[0] ?? now) + 60_000 - now : 0;
    return Math.max(0, byPace, byCap);
  }

  async turn(): Promise<void> {
    const wait = this.waitMs();
    if (wait > 0) await this.sleep(wait);
    const now = this.clock();
    this.last = now;
    this.recent.push(now);
    this.turns += 1;
  }

  /** Requests made since this pacer was created. */
  get requestsMade(): number {
    return this.turns;
  }

  /** Requests made in the last minute (shown in progress events). */
  get requestsInLastMinute(): number {
    this.forgetOlderThanAMinute(this.clock());
    return this.recent.length;
  }

  private forgetOlderThanAMinute(now: number): void {
    while (this.recent.length && now - (this.recent[0] ?? 0) >= 60_000) this.recent.shift();
  }
}
