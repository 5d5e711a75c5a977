import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { Store } from '../db.ts';
import {
  advanceTotpStep, countUnusedRecoveryCodes, deleteFactors, getAgencyByCode, getInviteByTokenHash, getTotp, getUser, getUserByEmail,
  hasSecondFactor, insertAgency, insertInvite, insertPasskey, insertUser, listAgencies, listPasskeys, listUsers, markInviteUsed,
  replaceRecoveryCodes, setAgencyDisabled, setTotp, setUserRoles, useRecoveryCode, deletePasskey,
} from './accounts.ts';

const now = '2026-05-01T10:00:00.000Z';

describe.each(dialects)('account repository on %s', (dialect) => {
  let store: Store;
  let agencyId: string;
  let userId: string;
  beforeAll(async () => {
    store = await freshStore(dialect);
    await store.db.transaction().execute(async (trx) => {
      agencyId = (await insertAgency(trx, { code: 'DE-NPD', name: 'Police', country: 'DE', isOffice: false, isDemo: true }, now)).id;
      await insertAgency(trx, { code: 'BE-OFF', name: 'Office', country: 'BE', isOffice: true, isDemo: false }, now);
      userId = (await insertUser(trx, { agencyId, email: 'Anna@Police.Example', name: 'Anna', passwordHash: 'h', isDemo: false, roles: ['officer', 'auditor', 'officer'] }, now)).id;
    });
  });
  afterAll(async () => store.close());

  it('stores agencies and users with lower-case unique emails and their roles', async () => {
    expect((await getAgencyByCode(store.db, 'BE-OFF'))?.isOffice).toBe(true);
    expect((await listAgencies(store.db)).map((a) => a.code)).toEqual(['BE-OFF', 'DE-NPD']);
    expect((await listAgencies(store.db, agencyId)).map((a) => a.code)).toEqual(['DE-NPD']);
    const u = await getUserByEmail(store.db, 'ANNA@police.example');
    expect(u?.email).toBe('anna@police.example');
    expect(u?.roles).toEqual(['auditor', 'officer']);
    await expect(
      store.db.transaction().execute((trx) => insertUser(trx, { agencyId, email: 'anna@police.example', name: 'Dup', passwordHash: null, isDemo: false, roles: [] }, now)),
    ).rejects.toThrow();
    await store.db.transaction().execute((trx) => setUserRoles(trx, userId, ['editor']));
    expect((await getUser(store.db, userId))?.roles).toEqual(['editor']);
    expect((await listUsers(store.db, agencyId)).length).toBe(1);
    await store.db.transaction().execute((trx) => setAgencyDisabled(trx, agencyId, now, now));
    expect((await listAgencies(store.db, agencyId))[0]?.disabledAt).toBe(now);
  });

  it('advances the TOTP step only forwards', async () => {
    await store.db.transaction().execute((trx) => setTotp(trx, userId, 'SECRET', 100, now));
    const results = await store.db.transaction().execute(async (trx) => [
      await advanceTotpStep(trx, userId, 101),
      await advanceTotpStep(trx, userId, 101),
      await advanceTotpStep(trx, userId, 100),
    ]);
    expect(results).toEqual([true, false, false]);
    expect((await getTotp(store.db, userId))?.lastStep).toBe(101);
  });

  it('spends recovery codes once', async () => {
    await store.db.transaction().execute((trx) => replaceRecoveryCodes(trx, userId, ['a', 'b'], now));
    expect(await countUnusedRecoveryCodes(store.db, userId)).toBe(2);
    const r = await store.db.transaction().execute(async (trx) => [await useRecoveryCode(trx, userId, 'a', now), await useRecoveryCode(trx, userId, 'a', now), await useRecoveryCode(trx, 'other', 'b', now)]);
    expect(r).toEqual([true, false, false]);
    expect(await countUnusedRecoveryCodes(store.db, userId)).toBe(1);
  });

  it('keeps passkeys to their owner and removes every factor on reset', async () => {
    const pk = await store.db.transaction().execute((trx) =>
      insertPasskey(trx, { userId, credentialId: 'cred-1', publicKey: 'AAAA', counter: 3, transports: ['usb'], name: 'Key' }, now),
    );
    expect((await listPasskeys(store.db, userId))[0]).toMatchObject({ credentialId: 'cred-1', counter: 3, transports: ['usb'] });
    expect(await store.db.transaction().execute((trx) => deletePasskey(trx, 'someone-else', pk.id))).toBe(false);
    expect(await hasSecondFactor(store.db, userId)).toBe(true);
    await store.db.transaction().execute((trx) => deleteFactors(trx, userId));
    expect(await hasSecondFactor(store.db, userId)).toBe(false);
    expect(await countUnusedRecoveryCodes(store.db, userId)).toBe(0);
  });

  it('stores invites by token digest, replaces unused ones and spends them once', async () => {
    const first = await store.db.transaction().execute((trx) => insertInvite(trx, { userId, tokenHash: 'h1', kind: 'invite', createdBy: null, expiresAt: now }, now));
    await store.db.transaction().execute((trx) => insertInvite(trx, { userId, tokenHash: 'h2', kind: 'reset', createdBy: null, expiresAt: now }, now));
    expect(await getInviteByTokenHash(store.db, 'h1')).toBeUndefined();
    const second = await getInviteByTokenHash(store.db, 'h2');
    expect(second?.kind).toBe('reset');
    expect(first.id).not.toBe(second?.id);
    const r = await store.db.transaction().execute(async (trx) => [await markInviteUsed(trx, second!.id, now), await markInviteUsed(trx, second!.id, now)]);
    expect(r).toEqual([true, false]);
  });
});
