/**
 * The rate limiters of the whole app, created once so a client has one budget per area whatever the language prefix.
 * They are held in this instance's memory; the database-backed sign-in throttle protects the accounts themselves.
 */
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

export type Limiters = Record<LimiterName, RateLimiter>;

export function createLimiters(): Limiters {
  return Object.fromEntries(
    Object.entries(limiterBudgets).map(([name, budget]) => [name, new RateLimiter({ name, ...budget })]),
  ) as Limiters;
}
