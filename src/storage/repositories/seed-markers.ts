/** Markers of one-time seeding steps: claimed inside the seeding transaction, so a step runs once per database. */
import type { Transaction } from 'kysely';
import type { Db } from '../db.ts';
import type { Database } from '../schema.ts';

export type SeedStep = 'demo-notices' | 'demo-accounts' | 'demo-requests' | 'demo-cases';

/**
 * Claims the step for this transaction, or returns false when it is taken. A concurrent claimer of the same step waits
 * on the primary key (PostgreSQL) or the writer lock (SQLite) until the first commits or rolls back, so of two seeders
 * exactly one goes on, and a seeding that fails leaves the step free for the next start.
 */
export async function claimSeedStep(trx: Transaction<Database>, step: SeedStep, now: string): Promise<boolean> {
  const row = await trx
    .insertInto('seed_markers')
    .values({ name: step, seeded_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the step already ran: a cheap look before preparing work that the claim would then refuse. */
export async function seedStepDone(db: Db | Transaction<Database>, step: SeedStep): Promise<boolean> {
  return (await db.selectFrom('seed_markers').select('name').where('name', '=', step).executeTakeFirst()) !== undefined;
}

/** Frees a step whose seeding could not run in one transaction and failed part-way, so a later start tries again. */
export async function releaseSeedStep(db: Db | Transaction<Database>, step: SeedStep): Promise<void> {
  await db.deleteFrom('seed_markers').where('name', '=', step).execute();
}
