/** Authenticates machine clients by API key (`Authorization: Bearer lsn_…`), checked in full on every request. */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.ts';
import { isAddressAllowed } from '../../core/ip-allow.ts';
import type { Principal } from '../../core/principal.ts';
import { principalOf } from '../../core/session-policy.ts';
import { hashSecret, parseApiKey } from '../../services/api-keys/create-api-key.ts';
import { getAgency, getUser } from '../../storage/repositories/accounts.ts';
import { getApiKey, touchApiKey } from '../../storage/repositories/api-keys.ts';
import type { AppEnv } from '../context.ts';

/** Last-used times are written at most this often per key, so busy clients do not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function refuse(c: Parameters<MiddlewareHandler<AppEnv>>[0], message: string): never {
  c.header('WWW-Authenticate', 'Bearer realm="api"');
  throw new AppError('unauthenticated', message);
}

const sameHash = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export const authenticateApiKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) refuse(c, 'An API key is required: send it as "Authorization: Bearer <key>".');
  const parsed = parseApiKey(match[1]!);
  const db = c.get('deps').store.db;
  const key = parsed ? await getApiKey(db, parsed.id) : undefined;
  // One answer for every failure, so a caller learns nothing about which keys exist.
  if (!parsed || !key || !sameHash(hashSecret(parsed.secret), key.keyHash)) refuse(c, 'The API key is not valid.');
  const now = new Date();
  if (key.revokedAt || key.expiresAt <= now.toISOString()) refuse(c, 'The API key is not valid.');
  const user = await getUser(db, key.userId);
  const agency = user ? await getAgency(db, user.agencyId) : undefined;
  if (!user || user.disabledAt || !agency || agency.disabledAt) refuse(c, 'The API key is not valid.');
  if (!isAddressAllowed(c.get('clientIp'), key.allowedAddresses)) {
    throw new AppError('forbidden', 'This API key may not be used from this address.');
  }
  if (key.readOnly && unsafeMethods.has(c.req.method)) throw new AppError('forbidden', 'This API key is read-only.');
  // The same principal a session gets, but marked as a key: maybe read-only, never tied to a session.
  const principal: Principal = { ...principalOf(user, agency, ''), via: 'apikey', readOnly: key.readOnly, sessionId: null, apiKeyId: key.id };
  c.set('principal', principal);
  if (!key.lastUsedAt || now.getTime() - Date.parse(key.lastUsedAt) > TOUCH_INTERVAL_MS) await touchApiKey(db, key.id, now.toISOString());
  await next();
};
