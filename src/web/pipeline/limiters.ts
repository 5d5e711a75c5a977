/**
 * The rate limiters of the whole app, created once so a client has one budget per area whatever the language prefix.
 * The budgets that guard secrets (sign-in) are shared by every instance through the database; the others are held in
 * this instance's memory.
 */
import type { DbHandle } from '../../services/db-handle.ts';
import { takeRateToken } from '../../services/operations/take-rate-token.ts';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.ts';

/** Budgets per client address: sustained requests per second and the burst allowed before limiting. */
export const limiterBudgets = {
  /** Public pages run queries; the page cache makes repeats cheap, but a client still spends its budget. */
  public: { ratePerSecond: 20, burst: 100 },
  /** A page of results loads up to 100 thumbnails, hence a larger budget for notice photos. */
  images: { ratePerSecond: 50, burst: 300 },
  assets: { ratePerSecond: 50, burst: 300 },
  feeds: { ratePerSecond: 5, burst: 30 },
  /** Load balancers probe about once a second per instance. */
  probe: { ratePerSecond: 10, burst: 50 },
  portal: { ratePerSecond: 20, burst: 200 },
  /** Password and second-factor forms, in front of the per-account throttle kept in the database. */
  'sign-in': { ratePerSecond: 1, burst: 30 },
  api: { ratePerSecond: 10, burst: 60 },
  /** A crawler walking every page of the protocol's lists (160 per page) fits in the burst, then a page every 50 ms. */
  compat: { ratePerSecond: 20, burst: 200 },
  /** Per API key, on routes where a key is optional: partners mirroring the public lists. */
  partner: { ratePerSecond: 100, burst: 1000 },
} as const satisfies Record<string, Omit<RateLimitOptions, 'name'>>;

export type LimiterName = keyof typeof limiterBudgets;

/**
 * Shared through the database: a guessing budget must not grow with the number of instances behind the load balancer.
 * The other budgets protect each instance's own capacity, which does grow with them, and stay in memory so public
 * requests pay no database round trip for their limit.
 */
const sharedBudgets = ['sign-in'] as const satisfies readonly LimiterName[];
type SharedName = (typeof sharedBudgets)[number];

/** A budget kept in the database's `rate_buckets`, so every instance draws from the same bucket per client. */
class SharedRateLimiter {
  constructor(
    private readonly db: DbHandle,
    private readonly name: SharedName,
  ) {}

  /** Takes one token for the key; resolves to the seconds to wait when none is left, else 0. */
  take(key: string, now = Date.now()): Promise<number> {
    return takeRateToken(this.db, this.name, key, limiterBudgets[this.name], now);
  }
}

/** In-memory budgets answer at once; shared ones answer after their database round trip. */
export type Limiters = { [K in LimiterName]: K extends SharedName ? RateLimiter | SharedRateLimiter : RateLimiter };

/**
 * Creates every budget. With the app's database the sign-in budget is shared by all instances; without one (a
 * pipeline built for a test that has no database) it is held in memory like the others.
 */
export function createLimiters(db?: DbHandle): Limiters {
  const isShared = (name: string): name is SharedName => (sharedBudgets as readonly string[]).includes(name);
  return Object.fromEntries(
    Object.entries(limiterBudgets).map(([name, budget]) => [
      name,
      db && isShared(name) ? new SharedRateLimiter(db, name) : new RateLimiter({ name, ...budget }),
    ]),
  ) as Limiters;
}
