/** Turns an `Authorization: Bearer lsn_…` header into the key's principal, checked in full on every request. */
import { AppError } from '../../core/errors.ts';
import { isAddressAllowed } from '../../core/ip-allow.ts';
import type { Principal } from '../../core/principal.ts';
import { constantTimeEqual } from '../../core/secrets.ts';
import { principalOf, TOUCH_INTERVAL_MS } from '../../core/session-policy.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getUser } from '../../storage/repositories/accounts.ts';
import { getApiKey, touchApiKey } from '../../storage/repositories/api-keys.ts';
import { hashSecret, parseApiKey } from './create-api-key.ts';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `authorization` is the raw header. Every failure of the key itself answers alike (`unauthenticated`), so a caller
 * learns nothing about which keys exist; a valid key used where it may not be answers `forbidden`. The principal carries
 * the user's roles as they are now (read on every request), so demoting a user limits their keys at once.
 */
export async function authenticateApiKey(db: Db, authorization: string | undefined, clientIp: string, method: string, now: Date): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw new AppError('unauthenticated', 'error.detail.api_key_required');
  const invalid = new AppError('unauthenticated', 'error.detail.api_key_invalid');
  const parsed = parseApiKey(match[1]!);
  const key = parsed ? await getApiKey(db, parsed.id) : undefined;
  if (!parsed || !key || !constantTimeEqual(hashSecret(parsed.secret), key.keyHash)) throw invalid;
  if (key.revokedAt !== null || Date.parse(key.expiresAt) <= now.getTime()) throw invalid;
  const user = await getUser(db, key.userId);
  const agency = user ? await getAgency(db, user.agencyId) : undefined;
  if (!user || user.disabledAt !== null || !agency || agency.disabledAt !== null) throw invalid;
  if (!isAddressAllowed(clientIp, key.allowedAddresses)) throw new AppError('forbidden', 'error.detail.api_key_address');
  if (key.readOnly && unsafeMethods.has(method.toUpperCase())) throw new AppError('forbidden', 'error.detail.api_key_read_only');
  if (!key.lastUsedAt || now.getTime() - Date.parse(key.lastUsedAt) > TOUCH_INTERVAL_MS) await touchApiKey(db, key.id, now.toISOString());
  // The same principal a session gets, but marked as a key: maybe read-only, never tied to a session.
  return { ...principalOf(user, agency, ''), via: 'apikey', readOnly: key.readOnly, sessionId: null, apiKeyId: key.id };
}
