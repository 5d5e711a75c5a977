/** Takes one token from a rate budget shared by every instance through the database (for budgets that guard secrets). */
import type { Db } from '../../storage/db.ts';
import { purgeBuckets, takeBucketToken, type BucketRule } from '../../storage/repositories/rate-buckets.ts';

/** Buckets untouched this long are deleted: far longer than any budget takes to refill, so nothing is forgotten early. */
const IDLE_MS = 3600_000;
/** How often one instance purges, at most. */
const PURGE_EVERY_MS = 60_000;

const lastPurge = new WeakMap<Db, number>();

/**
 * Takes a token for `client` from the named budget; returns the seconds to wait when none is left, else 0 (the same
 * answer as the in-memory limiter). Once a minute per instance, the call also deletes idle buckets.
 */
export async function takeRateToken(db: Db, budget: string, client: string, rule: BucketRule, nowMs = Date.now()): Promise<number> {
  const { granted, tokens } = await takeBucketToken(db, `${budget} ${client}`, rule, nowMs);
  if (nowMs - (lastPurge.get(db) ?? 0) >= PURGE_EVERY_MS) {
    lastPurge.set(db, nowMs);
    await purgeBuckets(db, nowMs - IDLE_MS);
  }
  return granted ? 0 : Math.max(1, Math.ceil((1 - tokens) / rule.ratePerSecond));
}
