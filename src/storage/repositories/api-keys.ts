/** Reads and writes API keys (hashes only). */
import type { Transaction } from 'kysely';
import type { Db } from '../db.ts';
import type { Database } from '../schema.ts';
import type { ApiKeysTable } from '../schema-api-keys.ts';
import type { ApiKey } from '../../core/api-keys.ts';

type Executor = Db | Transaction<Database>;

const toKey = (r: ApiKeysTable): ApiKey => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  keyHash: r.key_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  readOnly: r.read_only === 1,
  allowedAddresses: JSON.parse(r.allowed_addresses) as string[],
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export async function insertApiKey(trx: Transaction<Database>, key: Omit<ApiKey, 'revokedAt' | 'lastUsedAt'>): Promise<void> {
  await trx
    .insertInto('api_keys')
    .values({
      id: key.id,
      user_id: key.userId,
      name: key.name,
      key_hash: key.keyHash,
      created_at: key.createdAt,
      expires_at: key.expiresAt,
      read_only: key.readOnly ? 1 : 0,
      allowed_addresses: JSON.stringify(key.allowedAddresses),
      revoked_at: null,
      last_used_at: null,
    })
    .execute();
}

export async function getApiKey(db: Executor, id: string): Promise<ApiKey | undefined> {
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toKey(row) : undefined;
}

export async function listApiKeys(db: Executor, userId: string): Promise<ApiKey[]> {
  const rows = await db.selectFrom('api_keys').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  return rows.map(toKey);
}

export async function revokeApiKeyRow(trx: Transaction<Database>, id: string, now: string): Promise<boolean> {
  const r = await trx.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Notes the key's use; callers throttle it, so a busy client does not write on every request. */
export async function touchApiKey(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Revokes every active key of a user (disabling them): a later re-enabling does not bring the keys back. */
export async function revokeUserApiKeys(trx: Transaction<Database>, userId: string, now: string): Promise<number> {
  const r = await trx.updateTable('api_keys').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Revokes every active key of every user of an agency (disabling the agency). */
export async function revokeAgencyApiKeys(trx: Transaction<Database>, agencyId: string, now: string): Promise<number> {
  const r = await trx
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('agency_id', '=', agencyId))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
