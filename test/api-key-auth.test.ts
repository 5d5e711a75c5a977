import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../src/core/errors.ts';
import { can } from '../src/core/permissions.ts';
import { assignRoles } from '../src/services/accounts/assign-roles.ts';
import { setAgencyStatus } from '../src/services/accounts/set-agency-status.ts';
import { setUserStatus } from '../src/services/accounts/set-user-status.ts';
import { authenticateApiKey } from '../src/services/api-keys/authenticate-api-key.ts';
import { createApiKey } from '../src/services/api-keys/create-api-key.ts';
import type { Store } from '../src/storage/db.ts';
import { getApiKey } from '../src/storage/repositories/api-keys.ts';
import { activeUser, agency, meta, signedIn } from './account-support.ts';
import { dialects, freshStore } from './support/stores.ts';

const now = new Date();
const IP = '192.0.2.44';

describe.each(dialects)('API key authentication on %s', (dialect) => {
  let store: Store;
  let office: string;
  let agencyA: string;
  beforeAll(async () => {
    store = await freshStore(dialect);
    office = await agency(store.db, now, true);
    agencyA = await agency(store.db, now);
  });
  afterAll(async () => store.close());

  const bearer = (key: string) => `Bearer ${key}`;
  const refusal = (p: Promise<unknown>) => p.then(() => 'ok', (e: AppError) => `${e.code}:${e.key}`);
  const keyFor = async (userId: string, input: Parameters<typeof createApiKey>[2] = { name: 'k' }, at = now) =>
    createApiKey(store.db, userId, input, { actorId: userId, ip: null, now: at });

  it('authenticates a good key with the user’s roles, and refuses malformed, unknown, expired and misused keys', async () => {
    const u = await activeUser(store.db, agencyA, ['officer'], now);
    const k = await keyFor(u.id);
    const p = await authenticateApiKey(store.db, bearer(k.key), IP, 'GET', now);
    expect(p).toMatchObject({ userId: u.id, roles: ['officer'], via: 'apikey', apiKeyId: k.id, sessionId: null, readOnly: false });
    for (const header of [undefined, 'Basic x', 'Bearer nonsense', bearer(`lsn_${'0'.repeat(26)}_${'A'.repeat(43)}`), bearer(`${k.key.slice(0, -1)}B`)])
      expect(await refusal(authenticateApiKey(store.db, header, IP, 'GET', now))).toMatch(/^unauthenticated:/);
    const old = await keyFor(u.id, { name: 'old', expiresDays: 1 }, new Date(now.getTime() - 2 * 86_400_000));
    expect(await refusal(authenticateApiKey(store.db, bearer(old.key), IP, 'GET', now))).toBe('unauthenticated:error.detail.api_key_invalid');
    const ro = await keyFor(u.id, { name: 'ro', readOnly: true });
    expect(await refusal(authenticateApiKey(store.db, bearer(ro.key), IP, 'GET', now))).toBe('ok');
    expect(await refusal(authenticateApiKey(store.db, bearer(ro.key), IP, 'post', now))).toBe('forbidden:error.detail.api_key_read_only');
    const fenced = await keyFor(u.id, { name: 'fenced', allowedAddresses: ['198.51.100.0/24'] });
    expect(await refusal(authenticateApiKey(store.db, bearer(fenced.key), '198.51.100.7', 'GET', now))).toBe('ok');
    expect(await refusal(authenticateApiKey(store.db, bearer(fenced.key), IP, 'GET', now))).toBe('forbidden:error.detail.api_key_address');
  });

  it('notes the last use at most once a minute', async () => {
    const u = await activeUser(store.db, agencyA, ['officer'], now);
    const k = await keyFor(u.id);
    await authenticateApiKey(store.db, bearer(k.key), IP, 'GET', now);
    expect((await getApiKey(store.db, k.id))?.lastUsedAt).toBe(now.toISOString());
    await authenticateApiKey(store.db, bearer(k.key), IP, 'GET', new Date(now.getTime() + 30_000));
    expect((await getApiKey(store.db, k.id))?.lastUsedAt).toBe(now.toISOString());
    const later = new Date(now.getTime() + 61_000);
    await authenticateApiKey(store.db, bearer(k.key), IP, 'GET', later);
    expect((await getApiKey(store.db, k.id))?.lastUsedAt).toBe(later.toISOString());
  });

  it('follows the user’s current roles: a demoted user’s key loses what the role gave on the next request', async () => {
    const admin = await signedIn(store.db, (await activeUser(store.db, office, ['admin'], now)).id, now);
    const u = await activeUser(store.db, agencyA, ['officer', 'auditor'], now);
    const k = await keyFor(u.id);
    expect(can(await authenticateApiKey(store.db, bearer(k.key), IP, 'GET', now), 'audit.read')).toBe(true);
    await assignRoles(store.db, admin.active.principal!, u.id, ['officer'], meta(now));
    const after = await authenticateApiKey(store.db, bearer(k.key), IP, 'GET', now);
    expect(after.roles).toEqual(['officer']);
    expect(can(after, 'audit.read')).toBe(false);
  });

  it('revokes a user’s keys when the user is disabled, for good: re-enabling does not revive them', async () => {
    const admin = await signedIn(store.db, (await activeUser(store.db, office, ['admin'], now)).id, now);
    const u = await activeUser(store.db, agencyA, ['officer'], now);
    const [k1, k2] = [await keyFor(u.id), await keyFor(u.id, { name: 'second' })];
    await setUserStatus(store.db, admin.active.principal!, u.id, true, meta(now));
    expect((await getApiKey(store.db, k1.id))?.revokedAt).toBe(now.toISOString());
    expect((await getApiKey(store.db, k2.id))?.revokedAt).toBe(now.toISOString());
    await setUserStatus(store.db, admin.active.principal!, u.id, false, meta(now));
    for (const k of [k1, k2]) expect(await refusal(authenticateApiKey(store.db, bearer(k.key), IP, 'GET', now))).toBe('unauthenticated:error.detail.api_key_invalid');
    // A key made after re-enabling works; the old ones stay revoked.
    expect(await refusal(authenticateApiKey(store.db, bearer((await keyFor(u.id)).key), IP, 'GET', now))).toBe('ok');
    const audit = await store.db.selectFrom('audit_log').select('details').where('object_id', '=', u.id).where('details', 'like', '%user.disabled%').executeTakeFirst();
    expect(JSON.parse(audit!.details!)).toMatchObject({ apiKeysRevoked: 2 });
  });

  it('revokes the keys of every user of a disabled agency, and re-enabling the agency does not revive them', async () => {
    const admin = await signedIn(store.db, (await activeUser(store.db, office, ['admin'], now)).id, now);
    const other = await agency(store.db, now);
    const [a, b] = [await activeUser(store.db, other, ['officer'], now), await activeUser(store.db, other, ['officer'], now)];
    const outside = await activeUser(store.db, agencyA, ['officer'], now);
    const [ka, kb, kOutside] = [await keyFor(a.id), await keyFor(b.id), await keyFor(outside.id)];
    await setAgencyStatus(store.db, admin.active.principal!, other, true, meta(now));
    await setAgencyStatus(store.db, admin.active.principal!, other, false, meta(now));
    for (const k of [ka, kb]) expect(await refusal(authenticateApiKey(store.db, bearer(k.key), IP, 'GET', now))).toBe('unauthenticated:error.detail.api_key_invalid');
    expect(await refusal(authenticateApiKey(store.db, bearer(kOutside.key), IP, 'GET', now))).toBe('ok');
  });
});
