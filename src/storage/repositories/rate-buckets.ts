/** Token buckets shared by every instance: one row per budget and client, refilled and charged in a single statement. */
import { sql, type Transaction } from 'kysely';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';

type Executor = Db | Transaction<Database>;

export type BucketRule = { ratePerSecond: number; burst: number };

/**
 * Refills the bucket for the time since its last use, takes one token when there is one, and returns what is left
 * with the decision. One upsert, so concurrent takes from any number of instances are applied one after the other by
 * the row lock (PostgreSQL) or the writer lock (SQLite), and none is lost. A clock that runs behind another
 * instance's never refills negatively, and `updated_ms` never moves back.
 */
export async function takeBucketToken(db: Executor, key: string, rule: BucketRule, nowMs: number): Promise<{ granted: boolean; tokens: number }> {
  const now = sql`cast(${nowMs} as bigint)`;
  const perMs = sql`cast(${rule.ratePerSecond / 1000} as double precision)`;
  const burst = sql`cast(${rule.burst} as double precision)`;
  const elapsed = sql`(case when ${now} > rate_buckets.updated_ms then ${now} - rate_buckets.updated_ms else 0 end)`;
  const refilled = sql`(case when rate_buckets.tokens + ${elapsed} * ${perMs} > ${burst} then ${burst} else rate_buckets.tokens + ${elapsed} * ${perMs} end)`;
  const result = await sql<{ tokens: number | string; granted: number }>`
    insert into rate_buckets (key, tokens, updated_ms, granted)
    values (${key}, ${burst} - 1, ${now}, 1)
    on conflict (key) do update set
      tokens = case when ${refilled} >= 1 then ${refilled} - 1 else ${refilled} end,
      granted = case when ${refilled} >= 1 then 1 else 0 end,
      updated_ms = case when ${now} > rate_buckets.updated_ms then ${now} else rate_buckets.updated_ms end
    returning tokens, granted`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('rate bucket upsert returned no row');
  return { granted: toCount(row.granted) === 1, tokens: Number(row.tokens) };
}

/** Deletes buckets untouched since `beforeMs`: any bucket idle longer than it takes to refill is the same as none. */
export async function purgeBuckets(db: Executor, beforeMs: number): Promise<number> {
  const r = await db.deleteFrom('rate_buckets').where('updated_ms', '<', beforeMs).executeTakeFirst();
  return toCount(r.numDeletedRows);
}
