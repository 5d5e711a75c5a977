/** Runs a use case's writes in one transaction, joining the request's transaction when the pipeline already opened one. */
import type { Transaction } from 'kysely';
import type { Db } from '../storage/db.ts';
import type { Database } from '../storage/schema.ts';

/**
 * Kysely cannot nest transactions; a use case called inside the pipeline's request transaction therefore joins it, so
 * the use case and the audit entry the pipeline checks for commit or roll back together.
 */
export function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return db.transaction().execute(fn);
}
