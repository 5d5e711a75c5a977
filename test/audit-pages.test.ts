import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { csvCell } from '../src/web/portal/audit.tsx';
import { Client, makeAgency, makeUser, openTestPlatform, type TestUser } from './portal-support.ts';

describe('auditors’ pages', () => {
  let p: Platform;
  let auditor: TestUser;
  let officer: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    p = await openTestPlatform();
    const office = await makeAgency(p, { isOffice: true });
    auditor = await makeUser(p, office.id, ['auditor']);
    officer = await makeUser(p, office.id, ['officer']);
    admin = await makeUser(p, office.id, ['admin']);
  });
  afterAll(async () => p.close());

  it('asks for a purpose, then lists entries and records the reading itself', async () => {
    const c = new Client(p);
    await c.signIn(auditor);
    const form = await c.page('/portal/audit');
    expect(form).toContain('name="purpose"');
    expect((await c.get('/portal/audit?purpose=')).status).toBe(400);
    const res = await c.get('/portal/audit?purpose=case%202026%2F17&action=signin.success');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('signin.success');
    const readings = await p.store.db.selectFrom('audit_log').selectAll().where('object_type', '=', 'audit_log').execute();
    expect(readings.some((r) => r.purpose === 'case 2026/17' && r.user_id === auditor.id)).toBe(true);
  });

  it('exports the filtered trail as CSV', async () => {
    const c = new Client(p);
    await c.signIn(auditor, 1); // the next TOTP step: each code is accepted once
    const res = await c.get('/portal/audit/export.csv?purpose=annual%20review&action=signin.success');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('seq,id,at,action,user_id,agency_id,object_type,object_id,purpose,recipients,details,ip,prev_hash,hash');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.split(',')[3] === 'signin.success')).toBe(true);
  });

  it('refuses officers and admins', async () => {
    for (const user of [officer, admin]) {
      const c = new Client(p);
      await c.signIn(user);
      expect((await c.get('/portal/audit?purpose=curious')).status).toBe(403);
      expect((await c.get('/portal/audit/export.csv?purpose=curious')).status).toBe(403);
    }
  });

  it('quotes CSV cells and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell(null)).toBe('');
  });
});
