import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { PoliceContact } from '../../core/police-directory.ts';
import type { Store } from '../db.ts';
import { getPoliceContact, listPoliceContacts, upsertPoliceContact } from './police-contacts.ts';

const fr: PoliceContact = {
  country: 'FR', status: 'member', emergencyNumbers: [{ number: '112', label: 'EU' }, { number: '17', label: 'Police' }],
  policeNames: ['National Police'], website: 'https://example.gouv', sourceUrl: 'https://example.gouv', sourceNote: null,
};

describe.each(dialects)('police contacts repository on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('inserts, then replaces on the same country, keeping JSON lists intact', async () => {
    await store.db.transaction().execute((trx) => upsertPoliceContact(trx, fr, '2026-01-01T00:00:00.000Z'));
    await store.db.transaction().execute((trx) =>
      upsertPoliceContact(trx, { ...fr, website: null, sourceNote: 'Website: unknown.' }, '2026-02-01T00:00:00.000Z'),
    );
    await store.db.transaction().execute((trx) => upsertPoliceContact(trx, { ...fr, country: 'AL', status: 'candidate' }));
    const all = await listPoliceContacts(store.db);
    expect(all.map((c) => c.country)).toEqual(['AL', 'FR']);
    expect(await getPoliceContact(store.db, 'FR')).toEqual({
      ...fr, website: null, sourceNote: 'Website: unknown.', updatedAt: '2026-02-01T00:00:00.000Z',
    });
    expect(await getPoliceContact(store.db, 'DE')).toBeUndefined();
  });
});
