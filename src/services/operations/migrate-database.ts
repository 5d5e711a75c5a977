/** Brings the database schema up to date: the operators' `migrate` command and every start run it. */
import type { Store } from '../../storage/db.ts';
import { migrateToLatest } from '../../storage/migrate.ts';

/** Returns the names of the migrations applied now (none when the schema was already current). */
export function migrateDatabase(store: Store): Promise<string[]> {
  return migrateToLatest(store);
}
