import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeUser, agency } from '../../../test/account-support.ts';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { Store } from '../../storage/db.ts';
import { insertPasskey } from '../../storage/repositories/accounts.ts';
import { hasPasskeys } from './has-passkeys.ts';

const at = new Date('2026-05-01T10:00:00.000Z');

describe.each(dialects)('whether an account has passkeys on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('counts only the passkeys of the account asked about', async () => {
    const agencyId = await agency(store.db, at);
    const me = await activeUser(store.db, agencyId, ['officer'], at);
    const other = await activeUser(store.db, agencyId, ['officer'], at);
    await store.db.transaction().execute((trx) =>
      insertPasskey(trx, { userId: other.id, credentialId: 'cred-other', publicKey: 'pk', counter: 0, transports: [], name: 'Theirs' }, at.toISOString()),
    );
    expect(await hasPasskeys(store.db, me.id)).toBe(false);
    expect(await hasPasskeys(store.db, other.id)).toBe(true);

    await store.db.transaction().execute((trx) =>
      insertPasskey(trx, { userId: me.id, credentialId: 'cred-mine', publicKey: 'pk', counter: 0, transports: [], name: 'Mine' }, at.toISOString()),
    );
    expect(await hasPasskeys(store.db, me.id)).toBe(true);
  });
});
