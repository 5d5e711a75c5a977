/**
 * The change log: an append-only list of "entity X changed" events that every app instance follows, numbered in
 * commit order so that following it needs no bookkeeping of holes.
 */
import type { CompiledQuery, Transaction } from 'kysely';
import { nowIso } from '../../core/ids.ts';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';

type Executor = Db | Transaction<Database>;

export type ChangedEntity = 'notice' | 'news' | 'content' | 'police_contact';

/**
 * Records, inside the writing transaction, that an entity changed. The number comes from the one-row change counter,
 * whose row lock the transaction keeps until it commits: a second writer waits there, so it can only draw the next
 * number after the first one is visible, and a reader that sees number k has already seen every number below k. A
 * rolled-back transaction gives its number back. The price is that writers recording changes take turns from this
 * call to their commit.
 */
export async function recordChange(trx: Executor, entity: ChangedEntity, entityId: string): Promise<void> {
  // Counter and row must commit together, or a reader could see the counter ahead of a change it cannot read yet.
  if (!trx.isTransaction) return trx.transaction().execute((t) => recordChange(t, entity, entityId));
  const counter = await trx
    .updateTable('change_counter')
    .set((eb) => ({ n: eb('n', '+', 1) }))
    .where('id', '=', 1)
    .returning('n')
    .executeTakeFirstOrThrow();
  await trx.insertInto('change_log').values({ entity, entity_id: entityId, changed_at: nowIso(), commit_seq: toCount(counter.n) }).execute();
}

/** The most entries `changesSince` returns at once. */
export const CHANGE_BATCH = 10_000;

/** Change-log entries of one entity kind numbered after `after`, in commit order, at most `CHANGE_BATCH`. */
export async function changesSince(db: Executor, after: number, entity: ChangedEntity = 'notice'): Promise<{ seq: number; entityId: string }[]> {
  const rows = await db
    .selectFrom('change_log')
    .select(['commit_seq', 'entity_id'])
    .where('entity', '=', entity)
    .where('commit_seq', '>', after)
    .orderBy('commit_seq')
    .limit(CHANGE_BATCH)
    .execute();
  return rows.map((r) => ({ seq: toCount(r.commit_seq), entityId: r.entity_id }));
}

const lastSeqQuery = (db: Executor) => db.selectFrom('change_counter').select('n').where('id', '=', 1);

// The page cache asks for the version on every public request; building and compiling the query each time cost more
// than running it, so it is compiled once per database handle.
const compiledLastSeq = new WeakMap<Executor, CompiledQuery<{ n: unknown }>>();

/**
 * The number of the last committed change: a version stamp of everything the public site shows, which moves at every
 * commit that records a change, whatever order the writers started in. One row read by primary key.
 */
export async function lastChangeSeq(db: Executor): Promise<number> {
  let compiled = compiledLastSeq.get(db);
  if (!compiled) {
    compiled = lastSeqQuery(db).compile() as CompiledQuery<{ n: unknown }>;
    compiledLastSeq.set(db, compiled);
  }
  const result = await db.executeQuery(compiled);
  return toCount(result.rows[0]?.n ?? 0);
}
