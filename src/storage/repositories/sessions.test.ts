import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { Store } from '../db.ts';
import { insertAgency, insertUser } from './accounts.ts';
import {
  clearThrottle, completeMfa, deleteAgencySessions, deleteExpiredSessions, deleteUserSessions, getSession, getSessionByTokenHash,
  getThrottle, insertSession, listUserSessions, putThrottle, takeWebauthnChallenge, setWebauthnChallenge,
} from './sessions.ts';

const t = (m: number) => new Date(Date.parse('2026-05-01T10:00:00.000Z') + m * 60_000).toISOString();

describe.each(dialects)('session repository on %s', (dialect) => {
  let store: Store;
  let users: string[];
  let agencyId: string;
  beforeAll(async () => {
    store = await freshStore(dialect);
    users = await store.db.transaction().execute(async (trx) => {
      agencyId = (await insertAgency(trx, { code: 'A', name: 'A', country: 'DE', isOffice: false, isDemo: false }, t(0))).id;
      const a = await insertUser(trx, { agencyId, email: 'a@x.test', name: 'A', passwordHash: 'h', isDemo: false, roles: ['officer'] }, t(0));
      const b = await insertUser(trx, { agencyId, email: 'b@x.test', name: 'B', passwordHash: 'h', isDemo: false, roles: ['officer'] }, t(0));
      return [a.id, b.id];
    });
  });
  afterAll(async () => store.close());

  const add = (id: string, userId: string, at: string) =>
    store.db.transaction().execute((trx) => insertSession(trx, { id, tokenHash: `hash-${id}`, userId, enrolment: false, mfaAt: null, userAgent: 'UA', ip: '192.0.2.1' }, at));

  it('finds sessions by token digest only and swaps the digest when the second factor completes', async () => {
    await add('s1', users[0]!, t(0));
    expect((await getSessionByTokenHash(store.db, 'hash-s1'))?.mfaAt).toBeNull();
    await store.db.transaction().execute((trx) => completeMfa(trx, 's1', 'hash-s1b', t(1)));
    expect(await getSessionByTokenHash(store.db, 'hash-s1')).toBeUndefined();
    expect((await getSessionByTokenHash(store.db, 'hash-s1b'))?.mfaAt).toBe(t(1));
  });

  it('hands out a WebAuthn challenge once', async () => {
    await setWebauthnChallenge(store.db, 's1', 'chal');
    const r = await store.db.transaction().execute(async (trx) => [await takeWebauthnChallenge(trx, 's1'), await takeWebauthnChallenge(trx, 's1')]);
    expect(r).toEqual(['chal', null]);
  });

  it('ends sessions of a user (but one), of an agency, and expired ones', async () => {
    await add('s2', users[0]!, t(2));
    await add('s3', users[1]!, t(2));
    expect(await store.db.transaction().execute((trx) => deleteUserSessions(trx, users[0]!, 's2'))).toBe(1);
    expect((await listUserSessions(store.db, users[0]!)).map((s) => s.id)).toEqual(['s2']);
    expect(await store.db.transaction().execute((trx) => deleteAgencySessions(trx, agencyId))).toBe(2);
    await add('old', users[0]!, t(0));
    await add('new', users[0]!, t(100));
    expect(await deleteExpiredSessions(store.db, t(50), t(-720))).toBe(1);
    expect(await getSession(store.db, 'new')).toBeDefined();
  });

  it('keeps throttling counters shared in the database', async () => {
    const state = { failures: 3, windowStart: t(0), lastFailureAt: t(1), lockedUntil: null };
    await store.db.transaction().execute((trx) => putThrottle(trx, 'account:a@x.test', state));
    await store.db.transaction().execute((trx) => putThrottle(trx, 'account:a@x.test', { ...state, failures: 4, lockedUntil: t(2) }));
    expect(await getThrottle(store.db, 'account:a@x.test')).toEqual({ ...state, failures: 4, lockedUntil: t(2) });
    await store.db.transaction().execute((trx) => clearThrottle(trx, 'account:a@x.test'));
    expect(await getThrottle(store.db, 'account:a@x.test')).toBeUndefined();
  });
});
