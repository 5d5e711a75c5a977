import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeUser, agency, signedIn } from '../../../test/account-support.ts';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import { newId } from '../../core/ids.ts';
import type { Store } from '../../storage/db.ts';
import { deleteFactors, insertPasskey, replaceRecoveryCodes, useRecoveryCode } from '../../storage/repositories/accounts.ts';
import { insertSession } from '../../storage/repositories/sessions.ts';
import { describeAccount } from './describe-account.ts';

const at = (minutes: number) => new Date(Date.parse('2026-05-01T10:00:00.000Z') + minutes * 60_000);

describe.each(dialects)('describing one’s own account on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('shows factors, codes left, passkeys and sessions of the account only, marking the current session', async () => {
    const agencyId = await agency(store.db, at(0));
    const me = await activeUser(store.db, agencyId, ['officer'], at(0));
    const other = await activeUser(store.db, agencyId, ['officer'], at(0));
    await store.db.transaction().execute(async (trx) => {
      await replaceRecoveryCodes(trx, me.id, ['h1', 'h2', 'h3'], at(0).toISOString());
      await useRecoveryCode(trx, me.id, 'h2', at(1).toISOString());
      await insertPasskey(trx, { userId: me.id, credentialId: 'cred-a', publicKey: 'pk-a', counter: 0, transports: [], name: 'Laptop' }, at(2).toISOString());
      await insertPasskey(trx, { userId: me.id, credentialId: 'cred-b', publicKey: 'pk-b', counter: 0, transports: [], name: 'Phone' }, at(3).toISOString());
      await insertPasskey(trx, { userId: other.id, credentialId: 'cred-c', publicKey: 'pk-c', counter: 0, transports: [], name: 'Not mine' }, at(3).toISOString());
      // An older session elsewhere, still waiting for its second factor.
      await insertSession(trx, { id: newId(), tokenHash: 'elsewhere', userId: me.id, enrolment: false, mfaAt: null, userAgent: 'Firefox on the desk', ip: '198.51.100.7' }, at(4).toISOString());
      await insertSession(trx, { id: newId(), tokenHash: 'theirs', userId: other.id, enrolment: false, mfaAt: null, userAgent: 'Other UA', ip: null }, at(4).toISOString());
    });
    const { active } = await signedIn(store.db, me.id, at(10));

    const view = await describeAccount(store.db, active);

    expect(view).toMatchObject({ email: me.email, roles: ['officer'], hasTotp: true, unusedRecoveryCodes: 2 });
    expect(view.recoveryCodesMade).toBeGreaterThanOrEqual(view.unusedRecoveryCodes);
    expect(view.agency.code).toMatch(/^T-/);
    expect(view.passkeys.map((p) => [p.name, p.createdAt])).toEqual([
      ['Laptop', at(2).toISOString()],
      ['Phone', at(3).toISOString()],
    ]);
    // A view model: nothing of the credential itself reaches the page.
    expect(Object.keys(view.passkeys[0]!).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name']);
    expect(view.sessions).toEqual([
      { createdAt: at(10).toISOString(), lastSeenAt: at(10).toISOString(), ip: null, userAgent: 'test', current: true },
      { createdAt: at(4).toISOString(), lastSeenAt: at(4).toISOString(), ip: '198.51.100.7', userAgent: 'Firefox on the desk', current: false },
    ]);
    expect(JSON.stringify(view)).not.toContain(me.totpSecret);
  });

  it('says so when no second factor is set up', async () => {
    const agencyId = await agency(store.db, at(0));
    const me = await activeUser(store.db, agencyId, ['auditor'], at(0));
    const { active } = await signedIn(store.db, me.id, at(1));
    await store.db.transaction().execute((trx) => deleteFactors(trx, me.id));

    const view = await describeAccount(store.db, active);

    expect(view).toMatchObject({ hasTotp: false, unusedRecoveryCodes: 0, recoveryCodesMade: 0, passkeys: [], roles: ['auditor'] });
    expect(view.sessions.map((s) => s.current)).toEqual([true]);
  });
});
