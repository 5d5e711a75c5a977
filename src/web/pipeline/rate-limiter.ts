/** Per-client token buckets, held in this instance's memory (each instance limits its own share). */

type Bucket = { tokens: number; updated: number };

export type RateLimitOptions = {
  /** Sustained requests per second per client. */
  ratePerSecond: number;
  /** Bucket size: the burst allowed before limiting. */
  burst: number;
  /** Buckets are grouped by this name so areas (public, API, sign-in) do not share budgets. */
  name: string;
};

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly opts: RateLimitOptions) {}

  /** Takes one token for the key; returns the seconds to wait when none is left, else 0. */
  take(key: string, now = Date.now()): number {
    const b = this.buckets.get(key) ?? { tokens: this.opts.burst, updated: now };
    b.tokens = Math.min(this.opts.burst, b.tokens + ((now - b.updated) / 1000) * this.opts.ratePerSecond);
    b.updated = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return Math.ceil((1 - b.tokens) / this.opts.ratePerSecond);
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.sweep(now);
    return 0;
  }

  /** Drops full buckets so memory stays bounded under many distinct clients. */
  private sweep(now: number): void {
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.updated) / 1000) * this.opts.ratePerSecond >= this.opts.burst) this.buckets.delete(k);
    }
  }
}
