import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAUTH_WINDOW_MS, FACTOR_RESET_REQUEST_MS, INVITE_LIFETIME_MS } from '../src/core/session-policy.ts';
import { randomToken, sha256Hex } from '../src/core/secrets.ts';
import { acceptInvite, findUsableInvite } from '../src/services/accounts/accept-invite.ts';
import { approveFactorReset } from '../src/services/accounts/approve-factor-reset.ts';
import { createInvite } from '../src/services/accounts/create-invite.ts';
import { createUser } from '../src/services/accounts/create-user.ts';
import { listFactorResetRequests } from '../src/services/accounts/list-factor-reset-requests.ts';
import { rejectFactorReset } from '../src/services/accounts/reject-factor-reset.ts';
import { requestFactorReset } from '../src/services/accounts/request-factor-reset.ts';
import { signIn } from '../src/services/sessions/sign-in.ts';
import type { Store } from '../src/storage/db.ts';
import { countUnusedRecoveryCodes, getTotp, getUser, insertInvite, insertPasskey, listPasskeys, replaceRecoveryCodes, setPasswordHash } from '../src/storage/repositories/accounts.ts';
import { listUserSessions } from '../src/storage/repositories/sessions.ts';
import { activeUser, agency, meta, signedIn } from './account-support.ts';
import { dialects, freshStore } from './support/stores.ts';

const now = new Date();
const later = (ms: number) => new Date(now.getTime() + ms);
const reason = 'Lost phone; identity checked by a call to the desk';

describe.each(dialects)('invites and factor resets on %s', (dialect) => {
  let store: Store;
  let office: string;
  let agencyA: string;
  let agencyB: string;
  beforeAll(async () => {
    store = await freshStore(dialect);
    office = await agency(store.db, now, true);
    agencyA = await agency(store.db, now);
    agencyB = await agency(store.db, now);
  });
  afterAll(async () => store.close());

  const newInvitee = async (by: Awaited<ReturnType<typeof signedIn>>, agencyId: string) =>
    createUser(store.db, by.active.principal!, { email: `inv-${randomToken(6).toLowerCase()}@agency.test`, name: 'Invited Person', agencyId, roles: ['officer'] }, meta(now), []);

  it('issues invites only for never-activated accounts, and an invite stops working once the account is activated', async () => {
    const admin = await signedIn(store.db, (await activeUser(store.db, office, ['admin'], now)).id, now);
    const active = await activeUser(store.db, agencyA, ['officer'], now);
    await expect(createInvite(store.db, admin.active.principal!, active.id, meta(now))).rejects.toMatchObject({ code: 'conflict', key: 'error.detail.invite_account_active' });

    const created = await newInvitee(admin, agencyA);
    const again = await createInvite(store.db, admin.active.principal!, created.user.id, meta(now));
    await expect(findUsableInvite(store.db, again.token, now)).resolves.toBeTruthy();
    // Activated by another path meanwhile (any first password): the outstanding invite is refused, before and at acceptance.
    await store.db.transaction().execute((trx) => setPasswordHash(trx, created.user.id, 'argon-hash-placeholder', now.toISOString()));
    await expect(findUsableInvite(store.db, again.token, now)).rejects.toMatchObject({ code: 'not_found' });
    await expect(acceptInvite(store.db, { token: again.token, password: 'quiet orchard telescope' }, meta(now), [])).rejects.toMatchObject({ code: 'not_found' });
    expect((await getUser(store.db, created.user.id))?.passwordHash).toBe('argon-hash-placeholder');
  });

  it('never honours a reset link that no approved factor reset issued (as the single-admin reset used to)', async () => {
    const victim = await activeUser(store.db, agencyA, ['officer'], now);
    const token = randomToken();
    await store.db.transaction().execute((trx) =>
      insertInvite(trx, { userId: victim.id, tokenHash: sha256Hex(token), kind: 'reset', createdBy: null, expiresAt: later(INVITE_LIFETIME_MS).toISOString() }, now.toISOString()),
    );
    await expect(acceptInvite(store.db, { token, password: 'quiet orchard telescope' }, meta(now), [])).rejects.toMatchObject({ code: 'not_found' });
  });

  it('needs a fresh re-authentication, a second administrator, and then removes every factor and session and issues a reset link', async () => {
    const adminOne = await activeUser(store.db, office, ['admin'], now);
    const adminTwo = await activeUser(store.db, office, ['admin'], now);
    const adminOfB = await activeUser(store.db, agencyB, ['admin'], now);
    const target = await activeUser(store.db, agencyA, ['officer', 'admin'], now);
    const one = await signedIn(store.db, adminOne.id, now);
    const two = await signedIn(store.db, adminTwo.id, now);
    const outsider = await signedIn(store.db, adminOfB.id, now);
    const targetSession = await signedIn(store.db, target.id, now);
    await store.db.transaction().execute(async (trx) => {
      await replaceRecoveryCodes(trx, target.id, ['h1', 'h2'], now.toISOString());
      await insertPasskey(trx, { userId: target.id, credentialId: `cred-${target.id}`, publicKey: 'AA', counter: 0, transports: [], name: 'key' }, now.toISOString());
    });

    // Presence proven more than REAUTH_WINDOW_MS ago: refused, even though the session itself is still alive.
    await expect(requestFactorReset(store.db, one.active, { userId: target.id, reason }, meta(later(REAUTH_WINDOW_MS + 1000)))).rejects.toMatchObject({
      code: 'forbidden', key: 'error.detail.reauth_required',
    });
    await expect(requestFactorReset(store.db, outsider.active, { userId: target.id, reason }, meta(now))).rejects.toMatchObject({ code: 'not_found' });
    await expect(requestFactorReset(store.db, one.active, { userId: adminOne.id, reason }, meta(now))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(requestFactorReset(store.db, one.active, { userId: target.id, reason: ' ' }, meta(now))).rejects.toMatchObject({ code: 'validation_failed' });

    const request = await requestFactorReset(store.db, one.active, { userId: target.id, reason }, meta(now));
    expect(request.status).toBe('pending');
    await expect(requestFactorReset(store.db, two.active, { userId: target.id, reason }, meta(now))).rejects.toMatchObject({ key: 'error.detail.factor_reset_pending' });
    // Nothing changed yet: the target still signs in with their password.
    expect((await getUser(store.db, target.id))?.passwordHash).not.toBeNull();
    const listed = await listFactorResetRequests(store.db, two.active.principal!, now);
    expect(listed.find((r) => r.id === request.id)).toMatchObject({ mayApprove: true, reason, user: { id: target.id } });
    expect((await listFactorResetRequests(store.db, one.active.principal!, now)).find((r) => r.id === request.id)?.mayApprove).toBe(false);
    expect((await listFactorResetRequests(store.db, outsider.active.principal!, now)).find((r) => r.id === request.id)).toBeUndefined();

    await expect(approveFactorReset(store.db, one.active, request.id, meta(now))).rejects.toMatchObject({ code: 'forbidden', key: 'error.detail.factor_reset_own_request' });
    await expect(approveFactorReset(store.db, targetSession.active, request.id, meta(now))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(approveFactorReset(store.db, outsider.active, request.id, meta(now))).rejects.toMatchObject({ code: 'not_found' });
    await expect(approveFactorReset(store.db, two.active, request.id, meta(later(REAUTH_WINDOW_MS + 1000)))).rejects.toMatchObject({ key: 'error.detail.reauth_required' });
    expect(await getTotp(store.db, target.id)).toBeDefined();

    const { invite } = await approveFactorReset(store.db, two.active, request.id, meta(now));
    expect(await listUserSessions(store.db, target.id)).toEqual([]);
    expect(await getTotp(store.db, target.id)).toBeUndefined();
    expect(await countUnusedRecoveryCodes(store.db, target.id)).toBe(0);
    expect(await listPasskeys(store.db, target.id)).toEqual([]);
    const after = await getUser(store.db, target.id);
    expect(after?.passwordHash).toBeNull();
    expect(after?.activatedAt).not.toBeNull();
    await expect(signIn(store.db, { email: target.email, password: target.password }, meta(now, '192.0.2.77'))).rejects.toMatchObject({ code: 'unauthenticated' });
    // Approved once only; and, still activated, the account gets no invite either.
    await expect(approveFactorReset(store.db, two.active, request.id, meta(now))).rejects.toMatchObject({ key: 'error.detail.factor_reset_decided' });
    await expect(createInvite(store.db, two.active.principal!, target.id, meta(now))).rejects.toMatchObject({ code: 'conflict' });

    const found = await findUsableInvite(store.db, invite.token, later(INVITE_LIFETIME_MS - 60_000));
    expect(found.invite.kind).toBe('reset');
    await expect(findUsableInvite(store.db, invite.token, later(INVITE_LIFETIME_MS + 1000))).rejects.toMatchObject({ code: 'not_found' });
    const accepted = await acceptInvite(store.db, { token: invite.token, password: 'quiet orchard telescope' }, meta(now), []);
    expect(accepted.userId).toBe(target.id);
    const sessions = await listUserSessions(store.db, target.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.enrolment).toBe(true);
    await expect(acceptInvite(store.db, { token: invite.token, password: 'quiet orchard telescope' }, meta(now), [])).rejects.toMatchObject({ code: 'not_found' });

    const audit = await store.db.selectFrom('audit_log').select(['action', 'user_id', 'details']).where('object_id', '=', target.id).orderBy('seq').execute();
    const changes = audit.map((a) => `${a.action}:${(JSON.parse(a.details ?? '{}') as { change?: string }).change}`);
    expect(changes).toEqual(expect.arrayContaining(['admin.change:factor_reset.requested', 'factor.change:factors.reset', 'factor.change:reset_link_used']));
    const reset = audit.find((a) => a.details?.includes('factors.reset'));
    expect(reset?.user_id).toBe(adminTwo.id);
    expect(JSON.parse(reset!.details!)).toMatchObject({ requestedBy: adminOne.id, approvedBy: adminTwo.id, request: request.id });
  });

  it('refuses factor resets for never-activated accounts, lets requests lapse, and lets them be withdrawn', async () => {
    const one = await signedIn(store.db, (await activeUser(store.db, office, ['admin'], now)).id, now);
    const invited = await newInvitee(one, agencyA);
    await expect(requestFactorReset(store.db, one.active, { userId: invited.user.id, reason }, meta(now))).rejects.toMatchObject({ key: 'error.detail.factor_reset_not_activated' });

    const target = await activeUser(store.db, agencyA, ['officer'], now);
    const stale = await requestFactorReset(store.db, one.active, { userId: target.id, reason }, meta(now));
    const whenLapsed = later(FACTOR_RESET_REQUEST_MS + 1000);
    const lateTwo = await signedIn(store.db, (await activeUser(store.db, office, ['admin'], whenLapsed)).id, whenLapsed);
    await expect(approveFactorReset(store.db, lateTwo.active, stale.id, meta(whenLapsed))).rejects.toMatchObject({ key: 'error.detail.factor_reset_decided' });
    expect(await getTotp(store.db, target.id)).toBeDefined();

    const lateOne = await signedIn(store.db, (await activeUser(store.db, office, ['admin'], whenLapsed)).id, whenLapsed);
    const fresh = await requestFactorReset(store.db, lateOne.active, { userId: target.id, reason }, meta(whenLapsed));
    await rejectFactorReset(store.db, lateOne.active, fresh.id, meta(whenLapsed));
    await expect(approveFactorReset(store.db, lateTwo.active, fresh.id, meta(whenLapsed))).rejects.toMatchObject({ key: 'error.detail.factor_reset_decided' });
    expect((await getUser(store.db, target.id))?.passwordHash).not.toBeNull();
  });

  it('lets only one of two concurrent approvals through', async () => {
    const one = await signedIn(store.db, (await activeUser(store.db, office, ['admin'], now)).id, now);
    const two = await signedIn(store.db, (await activeUser(store.db, office, ['admin'], now)).id, now);
    const three = await signedIn(store.db, (await activeUser(store.db, office, ['admin'], now)).id, now);
    const target = await activeUser(store.db, agencyA, ['officer'], now);
    const request = await requestFactorReset(store.db, one.active, { userId: target.id, reason }, meta(now));
    const results = await Promise.allSettled([approveFactorReset(store.db, two.active, request.id, meta(now)), approveFactorReset(store.db, three.active, request.id, meta(now))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const invites = await store.db.selectFrom('invites').select('id').where('user_id', '=', target.id).where('used_at', 'is', null).execute();
    expect(invites).toHaveLength(1);
  });
});

describe.each(dialects)('creating a user with a taken email address on %s', (dialect) => {
  let store: Store;
  let office: string;
  let agencyA: string;
  let agencyB: string;
  beforeAll(async () => {
    store = await freshStore(dialect);
    office = await agency(store.db, now, true);
    agencyA = await agency(store.db, now);
    agencyB = await agency(store.db, now);
  });
  afterAll(async () => store.close());

  const attempt = async (adminAgency: string, targetAgency: string, email: string) => {
    const admin = await signedIn(store.db, (await activeUser(store.db, adminAgency, ['admin'], now)).id, now);
    return createUser(store.db, admin.active.principal!, { email, name: 'New Person', agencyId: targetAgency, roles: ['officer'] }, meta(now), []).then(
      () => 'created',
      (err: { code: string; key: string }) => `${err.code}:${err.key}`,
    );
  };

  it('tells an agency administrator nothing about accounts of other agencies, and audits the attempt for the office', async () => {
    const inB = await activeUser(store.db, agencyB, ['officer'], now);
    const inA = await activeUser(store.db, agencyA, ['officer'], now);
    const refused = await attempt(agencyA, agencyA, inB.email);
    expect(refused).toBe('conflict:error.detail.email_unavailable');
    expect(refused).not.toMatch(/already exists/);
    // The account in B is untouched, and no account was created in A.
    expect((await getUser(store.db, inB.id))?.agencyId).toBe(agencyB);
    const probe = await store.db.selectFrom('audit_log').select(['details', 'object_id']).where('object_id', '=', inB.id).orderBy('seq', 'desc').executeTakeFirst();
    expect(JSON.parse(probe!.details!)).toMatchObject({ change: 'user.create_refused', reason: 'email_taken_elsewhere' });
    // Whoever administers the existing account is told plainly.
    expect(await attempt(agencyA, agencyA, inA.email)).toBe('conflict:error.detail.email_taken');
    expect(await attempt(office, agencyA, inB.email)).toBe('conflict:error.detail.email_taken');
    expect(await attempt(agencyA, agencyA, `free-${randomToken(5).toLowerCase()}@agency.test`)).toBe('created');
  });
});
