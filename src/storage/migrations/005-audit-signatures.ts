/** Adds Ed25519 signatures (and the signing key's id) to the audit trail's checkpoints and head. */
import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  for (const table of ['audit_checkpoints', 'audit_head']) {
    await db.schema.alterTable(table).addColumn('signature', 'text').execute();
    await db.schema.alterTable(table).addColumn('key_id', 'text').execute();
  }
}
