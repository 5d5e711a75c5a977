import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeUser, agency, signedIn } from '../../../test/account-support.ts';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { Principal } from '../../core/principal.ts';
import type { Store } from '../../storage/db.ts';
import { listAuditDirectory } from './list-audit-directory.ts';
import { verifyAuditTrail } from './verify-audit-trail.ts';

describe.each(dialects)('the auditors’ verification and directory on %s', (dialect) => {
  let store: Store;
  let officeAuditor: Principal;
  let agencyAuditor: Principal;
  let officeId: string;
  let agencyId: string;
  beforeAll(async () => {
    store = await freshStore(dialect);
    const now = new Date();
    officeId = await agency(store.db, now, true);
    agencyId = await agency(store.db, now);
    const principalOf = async (at: string) => (await signedIn(store.db, (await activeUser(store.db, at, ['auditor'], now)).id, now)).active.principal!;
    officeAuditor = await principalOf(officeId);
    agencyAuditor = await principalOf(agencyId);
  });
  afterAll(async () => store.close());

  it('lets an office auditor verify the chain, records the run, and finds a rewritten entry', async () => {
    const intact = await verifyAuditTrail(store.db, officeAuditor, null, { ip: '192.0.2.1' });
    expect(intact).toMatchObject({ ok: true, problem: null, signatures: { checked: false } });
    const last = await store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'consult', object_type: 'audit_log', user_id: officeAuditor.userId });
    expect(JSON.parse(last.details!)).toMatchObject({ what: 'verify', ok: true, checked: intact.checked });

    // What an attacker with database access does first: switch off the append-only triggers, then rewrite an entry.
    if (store.dialect === 'postgres') await sql`alter table audit_log disable trigger all`.execute(store.db);
    else await sql`drop trigger audit_log_no_update`.execute(store.db);
    await sql`update audit_log set purpose = 'rewritten' where seq = 1`.execute(store.db);
    const broken = await verifyAuditTrail(store.db, officeAuditor, null, { ip: null });
    expect(broken).toMatchObject({ ok: false, problem: { seq: 1, reason: 'altered' } });
  });

  it('refuses an agency’s own auditor, whose scope is not the whole chain', async () => {
    await expect(verifyAuditTrail(store.db, agencyAuditor, null, { ip: null })).rejects.toMatchObject({ code: 'forbidden', key: 'audit.verify.office_only' });
  });

  it('names every user and agency for the office, only its own for another agency', async () => {
    const office = await listAuditDirectory(store.db, officeAuditor);
    expect(office.agencies.map((a) => a.id).sort()).toEqual([officeId, agencyId].sort());
    expect(office.users.map((u) => u.id)).toEqual(expect.arrayContaining([officeAuditor.userId, agencyAuditor.userId]));
    const own = await listAuditDirectory(store.db, agencyAuditor);
    expect(own.agencies.map((a) => a.id)).toEqual([agencyId]);
    expect(own.users.map((u) => u.id)).toEqual([agencyAuditor.userId]);
  });
});
