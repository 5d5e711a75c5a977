import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeUser, agency, signedIn } from '../../../test/account-support.ts';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { Store } from '../../storage/db.ts';
import { createApiKey } from './create-api-key.ts';
import { keyNamed, listOwnApiKeys } from './list-own-api-keys.ts';
import { revokeApiKey } from './revoke-api-key.ts';

const day = 86_400_000;

describe.each(dialects)('listing one’s own API keys on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('lists only the user’s keys, newest first, with their state and without the secret’s hash', async () => {
    const now = new Date();
    const agencyId = await agency(store.db, now);
    const me = await activeUser(store.db, agencyId, ['officer'], now);
    const other = await activeUser(store.db, agencyId, ['officer'], now);
    const create = (userId: string, name: string, ago: number, extra: { expiresDays?: number; readOnly?: boolean; allowedAddresses?: string[] } = {}) =>
      createApiKey(store.db, userId, { name, ...extra }, { actorId: userId, ip: null, now: new Date(now.getTime() - ago * day) });
    const old = await create(me.id, 'Expired one', 10, { expiresDays: 2 });
    const revoked = await create(me.id, 'Revoked one', 5);
    const active = await create(me.id, 'Nightly sync', 1, { readOnly: true, allowedAddresses: ['203.0.113.0/24'] });
    await create(other.id, 'Not mine', 0);
    const { active: session } = await signedIn(store.db, me.id, now);
    await revokeApiKey(store.db, session.principal!, revoked.id, { ip: null });

    const keys = await listOwnApiKeys(store.db, me.id, now);

    expect(keys.map((k) => [k.id, k.name, k.state])).toEqual([
      [active.id, 'Nightly sync', 'active'],
      [revoked.id, 'Revoked one', 'revoked'],
      [old.id, 'Expired one', 'expired'],
    ]);
    expect(keys[0]).toMatchObject({ readOnly: true, allowedAddresses: ['203.0.113.0/24'], expiresAt: active.expiresAt, lastUsedAt: null });
    expect(keys.some((k) => 'keyHash' in k)).toBe(false);
    // The same key is expired once its expiry has passed.
    expect((await listOwnApiKeys(store.db, me.id, new Date(Date.parse(active.expiresAt))))[0]!.state).toBe('expired');
  });

  it('finds a name already held, trimmed and ignoring case, but not one a revoked key gave up', async () => {
    const now = new Date();
    const agencyId = await agency(store.db, now);
    const me = await activeUser(store.db, agencyId, ['officer'], now);
    await createApiKey(store.db, me.id, { name: 'CI pipeline' }, { actorId: me.id, ip: null, now });
    await createApiKey(store.db, me.id, { name: 'Old export', expiresDays: 1 }, { actorId: me.id, ip: null, now: new Date(now.getTime() - 3 * day) });
    const gone = await createApiKey(store.db, me.id, { name: 'Retired' }, { actorId: me.id, ip: null, now });
    const { active } = await signedIn(store.db, me.id, now);
    await revokeApiKey(store.db, active.principal!, gone.id, { ip: null });
    const keys = await listOwnApiKeys(store.db, me.id, now);

    expect(keyNamed(keys, '  ci PIPELINE ')?.name).toBe('CI pipeline');
    expect(keyNamed(keys, 'old export')?.state).toBe('expired');
    expect(keyNamed(keys, 'Retired')).toBeUndefined();
    expect(keyNamed(keys, 'CI pipeline 2')).toBeUndefined();
  });
});
