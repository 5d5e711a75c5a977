/** The change log: an append-only sequence of "entity X changed" events that every app instance follows. */
import type { CompiledQuery, Transaction } from 'kysely';
import { nowIso } from '../../core/ids.ts';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';

type Executor = Db | Transaction<Database>;

export type ChangedEntity = 'notice' | 'news' | 'content' | 'police_contact';

/** Records, inside the writing transaction, that an entity changed; instances poll this to refresh indexes and caches. */
export async function recordChange(trx: Executor, entity: ChangedEntity, entityId: string): Promise<void> {
  await trx.insertInto('change_log').values({ entity, entity_id: entityId, changed_at: nowIso() }).execute();
}

/** Change-log entries of one entity kind after a sequence number, oldest first. */
export async function changesSince(db: Executor, seq: number, entity: ChangedEntity = 'notice'): Promise<{ seq: number; entityId: string }[]> {
  const rows = await db
    .selectFrom('change_log')
    .select(['seq', 'entity_id'])
    .where('entity', '=', entity)
    .where('seq', '>', seq)
    .orderBy('seq')
    .limit(10_000)
    .execute();
  return rows.map((r) => ({ seq: toCount(r.seq), entityId: r.entity_id }));
}

const lastSeqQuery = (db: Executor) => db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('s'));

// The page cache asks for the version on every public request; building and compiling the query each time cost more
// than running it, so it is compiled once per database handle.
const compiledLastSeq = new WeakMap<Executor, CompiledQuery<{ s: unknown }>>();

/** The newest sequence number of any change: a version stamp of everything the public site shows. */
export async function lastChangeSeq(db: Executor): Promise<number> {
  let compiled = compiledLastSeq.get(db);
  if (!compiled) {
    compiled = lastSeqQuery(db).compile() as CompiledQuery<{ s: unknown }>;
    compiledLastSeq.set(db, compiled);
  }
  const result = await db.executeQuery(compiled);
  return toCount(result.rows[0]?.s ?? 0);
}
