import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeUser, agency, signedIn } from '../../../test/account-support.ts';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { Store } from '../../storage/db.ts';
import { createApiKey } from './create-api-key.ts';
import { listOwnApiKeys } from './list-own-api-keys.ts';
import { revokeApiKey } from './revoke-api-key.ts';

describe.each(dialects)('creating an API key on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('refuses a name the user already holds (trimmed, any case), frees it on revocation, and leaves other users alone', async () => {
    const now = new Date();
    const agencyId = await agency(store.db, now);
    const me = await activeUser(store.db, agencyId, ['officer'], now);
    const other = await activeUser(store.db, agencyId, ['officer'], now);
    const create = (userId: string, name: string) => createApiKey(store.db, userId, { name }, { actorId: userId, ip: null, now });
    const first = await create(me.id, 'Nightly sync');

    await expect(create(me.id, '  nightly SYNC ')).rejects.toMatchObject({ code: 'conflict', key: 'apikeys.error.name_taken', values: { name: 'Nightly sync' } });
    expect((await listOwnApiKeys(store.db, me.id, now)).map((k) => k.name)).toEqual(['Nightly sync']);
    await expect(create(other.id, 'Nightly sync')).resolves.toMatchObject({ readOnly: false });

    const { active } = await signedIn(store.db, me.id, now);
    await revokeApiKey(store.db, active.principal!, first.id, { ip: null });
    await expect(create(me.id, 'Nightly sync')).resolves.toMatchObject({ readOnly: false });
  });
});
