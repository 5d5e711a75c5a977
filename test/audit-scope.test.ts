import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agency } from '../src/core/accounts.ts';
import { AppError } from '../src/core/errors.ts';
import type { Principal, Role } from '../src/core/principal.ts';
import { principalOf } from '../src/core/session-policy.ts';
import { assignRoles } from '../src/services/accounts/assign-roles.ts';
import { createAgency } from '../src/services/accounts/create-agency.ts';
import { createUser } from '../src/services/accounts/create-user.ts';
import { exportAuditEntries } from '../src/services/audit/export-audit-entries.ts';
import { listAuditEntries } from '../src/services/audit/list-audit-entries.ts';
import type { Store } from '../src/storage/db.ts';
import { getUser } from '../src/storage/repositories/accounts.ts';
import { appendAudit } from '../src/storage/repositories/audit.ts';
import { dialects, freshStore } from './support/stores.ts';

const meta = () => ({ now: new Date(), ip: '192.0.2.7', userAgent: null });
let n = 0;

describe.each(dialects)('scoped audit reads on %s', (dialect) => {
  let store: Store;
  let office: Agency;
  let agencyA: Agency;
  let agencyB: Agency;

  const agency = (code: string, country: string, isOffice: boolean) =>
    createAgency(store.db, null, { code, name: `Agency ${code}`, country, isOffice, isDemo: false }, meta());

  async function person(actor: Principal | null, a: Agency, roles: Role[]): Promise<Principal> {
    const created = await createUser(store.db, actor, { email: `p${++n}@agency.test`, name: `Person Number${n}`, agencyId: a.id, roles }, meta(), []);
    return principalOf(created.user, a, `s${n}`);
  }

  const consult = (who: Principal, objectId: string) =>
    store.db.transaction().execute((trx) =>
      appendAudit(trx, { action: 'consult', userId: who.userId, agencyId: who.agencyId, objectType: 'notice', objectId, purpose: 'case 2026/5', ip: null }),
    );

  const everything = (reader: Principal, filters = {}) =>
    listAuditEntries(store.db, reader, { purpose: 'annual review 2026', filters, page: 1, perPage: 1000 }, { ip: '192.0.2.9' });

  beforeEach(async () => {
    store = await freshStore(dialect);
    office = await agency('OFFICE', 'BE', true);
    agencyA = await agency('POL-A', 'DE', false);
    agencyB = await agency('POL-B', 'FR', false);
    await consult(await person(null, agencyA, ['officer']), 'notice-a');
    await consult(await person(null, agencyB, ['officer']), 'notice-b');
  });
  afterEach(async () => store.close());

  it('an auditor made by a non-office agency admin sees only that agency’s entries, whatever the filters', async () => {
    const adminA = await person(null, agencyA, ['admin']);
    const auditorA = await person(adminA, agencyA, ['auditor']);
    const page = await everything(auditorA);
    expect(page.scope).toBe('own_agency');
    expect(page.total).toBeGreaterThan(0);
    expect(page.entries.map((e) => e.objectId)).toContain('notice-a');
    expect(page.entries.every((e) => e.agencyId === agencyA.id)).toBe(true);
    // Asking for the other agency, by agency or by one of its users, returns nothing rather than an error.
    expect(await everything(auditorA, { agencyId: agencyB.id })).toMatchObject({ total: 0, entries: [] });
    const officerB = await store.db.selectFrom('audit_log').select('user_id').where('object_id', '=', 'notice-b').executeTakeFirstOrThrow();
    expect(await everything(auditorA, { userId: officerB.user_id! })).toMatchObject({ total: 0 });
    expect(await everything(auditorA, { objectId: 'notice-b' })).toMatchObject({ total: 0 });
    const exported = await exportAuditEntries(store.db, auditorA, { purpose: 'annual review 2026', filters: {} }, { ip: null });
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.every((e) => e.agencyId === agencyA.id)).toBe(true);
    expect(await exportAuditEntries(store.db, auditorA, { purpose: 'annual review 2026', filters: { agencyId: agencyB.id } }, { ip: null })).toEqual([]);
  });

  it('an officer promoted to auditor by a non-office admin sees none of another agency’s entries', async () => {
    const adminA = await person(null, agencyA, ['admin']);
    const officerA = await person(adminA, agencyA, ['officer']);
    await assignRoles(store.db, adminA, officerA.userId, ['auditor'], meta());
    const promoted = principalOf((await getUser(store.db, officerA.userId))!, agencyA, 'promoted');
    expect(promoted.roles).toEqual(['auditor']);
    const page = await everything(promoted);
    expect(page.total).toBeGreaterThan(0);
    expect(page.entries.some((e) => e.agencyId !== agencyA.id)).toBe(false);
    expect(page.entries.some((e) => e.objectId === 'notice-b')).toBe(false);
  });

  it('a non-office admin cannot create an auditor in another agency', async () => {
    const adminA = await person(null, agencyA, ['admin']);
    await expect(person(adminA, agencyB, ['auditor'])).rejects.toMatchObject({ code: 'not_found' });
  });

  it('office auditors see every agency', async () => {
    const auditor = await person(null, office, ['auditor']);
    const page = await everything(auditor);
    expect(page.scope).toBe('all');
    expect(page.entries.map((e) => e.objectId)).toEqual(expect.arrayContaining(['notice-a', 'notice-b']));
    expect((await everything(auditor, { agencyId: agencyB.id })).entries.map((e) => e.objectId)).toContain('notice-b');
    const exported = await exportAuditEntries(store.db, auditor, { purpose: 'annual review 2026', filters: { action: 'consult', objectType: 'notice' } }, { ip: null });
    expect(exported.map((e) => e.objectId)).toEqual(['notice-a', 'notice-b']);
  });

  it('records each reading with its purpose, filters and scope, in the trail itself', async () => {
    const auditorA = await person(null, agencyA, ['auditor']);
    await everything(auditorA, { agencyId: agencyB.id });
    await exportAuditEntries(store.db, auditorA, { purpose: ' export for DPO ', filters: {} }, { ip: null });
    const readings = await store.db.selectFrom('audit_log').selectAll().where('object_type', '=', 'audit_log').orderBy('seq').execute();
    expect(readings).toHaveLength(2);
    expect(readings[0]).toMatchObject({ action: 'consult', user_id: auditorA.userId, agency_id: agencyA.id, purpose: 'annual review 2026', ip: '192.0.2.9' });
    expect(JSON.parse(readings[0]!.details!)).toMatchObject({ what: 'view', scope: 'own_agency', filters: JSON.stringify({ agencyId: agencyB.id }) });
    expect(readings[1]).toMatchObject({ purpose: 'export for DPO' });
    expect(JSON.parse(readings[1]!.details!)).toMatchObject({ what: 'export' });
  });

  it('refuses readers without the audit permission and purposes without words, recording nothing', async () => {
    const officer = await person(null, office, ['officer']);
    await expect(everything(officer)).rejects.toMatchObject({ code: 'forbidden' });
    const auditor = await person(null, office, ['auditor']);
    for (const purpose of ['...', 'case\u200b2026', '']) {
      const refused = listAuditEntries(store.db, auditor, { purpose, filters: {}, page: 1, perPage: 10 }, { ip: null });
      await expect(refused).rejects.toBeInstanceOf(AppError);
      await expect(refused).rejects.toMatchObject({ code: 'validation_failed' });
    }
    expect(await store.db.selectFrom('audit_log').selectAll().where('object_type', '=', 'audit_log').execute()).toHaveLength(0);
  });
});
