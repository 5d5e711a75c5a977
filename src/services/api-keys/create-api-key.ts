/** Use case: create an API key for a user; the full key is returned once and only its hash is stored. */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { newId, nowIso } from '../../core/ids.ts';
import { parseAllowEntry } from '../../core/ip-allow.ts';
import type { Db } from '../../storage/db.ts';
import { getUser } from '../../storage/repositories/accounts.ts';
import { insertApiKey } from '../../storage/repositories/api-keys.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { keyNamed, listOwnApiKeys } from './list-own-api-keys.ts';
import { inTransaction } from '../transaction.ts';

export const API_KEY_PREFIX = 'lsn';
export const MAX_KEY_DAYS = 365;

export const apiKeyInput = z.object({
  name: z.string().trim().min(1).max(100),
  expiresDays: z.number().int().min(1).max(MAX_KEY_DAYS).default(90),
  readOnly: z.boolean().default(false),
  allowedAddresses: z
    .array(z.string().trim().max(64).refine((a) => parseAllowEntry(a) !== null, 'must be an IP address or CIDR range'))
    .max(20)
    .default([]),
});
export type ApiKeyInput = z.input<typeof apiKeyInput>;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Splits `lsn_<id>_<secret>`; the secret may itself contain underscores. */
export function parseApiKey(key: string): { id: string; secret: string } | null {
  const m = /^lsn_([0-9a-z]{26})_([A-Za-z0-9_-]{43})$/.exec(key);
  return m ? { id: m[1]!, secret: m[2]! } : null;
}

export type CreatedApiKey = { id: string; key: string; expiresAt: string; readOnly: boolean };

export async function createApiKey(
  db: Db,
  userId: string,
  input: ApiKeyInput,
  meta: { actorId: string | null; ip: string | null; now?: Date },
): Promise<CreatedApiKey> {
  const parsed = apiKeyInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'error.detail.api_key_settings_invalid', {}, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
  const now = meta.now ?? new Date();
  const id = newId(now.getTime());
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + parsed.data.expiresDays * 86_400_000).toISOString();
  return inTransaction(db, async (trx) => {
    const user = await getUser(trx, userId);
    if (!user || user.disabledAt) throw new AppError('not_found', 'error.detail.no_active_user');
    // Checked inside the writing transaction, so the CLI and two racing forms are held to it as well as the portal page.
    const holder = keyNamed(await listOwnApiKeys(trx, userId, now), parsed.data.name);
    if (holder) throw new AppError('conflict', 'apikeys.error.name_taken', { name: holder.name }, [{ field: 'name', message: 'taken' }]);
    await insertApiKey(trx, {
      id,
      userId,
      name: parsed.data.name,
      keyHash: hashSecret(secret),
      createdAt: nowIso(now),
      expiresAt,
      readOnly: parsed.data.readOnly,
      allowedAddresses: parsed.data.allowedAddresses,
    });
    await recordAudit(trx, {
      action: 'apikey.change',
      userId: meta.actorId ?? userId,
      agencyId: user.agencyId,
      objectType: 'api_key',
      objectId: id,
      purpose: null,
      details: { change: 'created', owner: userId, readOnly: parsed.data.readOnly, expiresAt, restricted: parsed.data.allowedAddresses.length > 0 },
      ip: meta.ip,
    });
    return { id, key: `${API_KEY_PREFIX}_${id}_${secret}`, expiresAt, readOnly: parsed.data.readOnly };
  });
}
