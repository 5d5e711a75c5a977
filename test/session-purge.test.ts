import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_PENDING_MFA_MS } from '../src/core/session-policy.ts';
import { purgeExpiredSessions } from '../src/services/sessions/purge-expired-sessions.ts';
import type { Store } from '../src/storage/db.ts';
import { insertSession, listUserSessions, touchSession } from '../src/storage/repositories/sessions.ts';
import { activeUser, agency } from './account-support.ts';
import { dialects, freshStore } from './support/stores.ts';

const t0 = new Date('2026-05-01T08:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe.each(dialects)('purging expired sessions on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('deletes idle, too old and stale password-only sessions, and keeps live ones', async () => {
    const u = await activeUser(store.db, await agency(store.db, t0), ['officer'], t0);
    const add = (id: string, created: Date, mfa: boolean) =>
      store.db.transaction().execute((trx) =>
        insertSession(trx, { id, tokenHash: `h-${id}`, userId: u.id, enrolment: false, mfaAt: mfa ? created.toISOString() : null, userAgent: null, ip: null }, created.toISOString()),
      );
    const now = at(SESSION_ABSOLUTE_MS + 60_000);
    await add('too-old', t0, true);
    await touchSession(store.db, 'too-old', at(SESSION_ABSOLUTE_MS).toISOString());
    await add('idle', at(SESSION_ABSOLUTE_MS - SESSION_IDLE_MS), true);
    await add('pending', at(SESSION_ABSOLUTE_MS + 60_000 - SESSION_PENDING_MFA_MS - 1000), false);
    await add('pending-young', at(SESSION_ABSOLUTE_MS), false);
    await add('live', at(SESSION_ABSOLUTE_MS - 3600_000), true);
    await touchSession(store.db, 'live', at(SESSION_ABSOLUTE_MS).toISOString());
    expect(await purgeExpiredSessions(store.db, now)).toBe(3);
    expect((await listUserSessions(store.db, u.id)).map((s) => s.id).sort()).toEqual(['live', 'pending-young']);
    expect(await purgeExpiredSessions(store.db, now)).toBe(0);
  });
});
