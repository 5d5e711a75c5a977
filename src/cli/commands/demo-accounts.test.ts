import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConfiguredStore } from '../../bootstrap.ts';
import { loadConfig } from '../../config/config.ts';
import { AppError } from '../../core/errors.ts';
import { formatDemoCredentials, seedDemoAccounts, type DemoCredential } from '../../services/demo/seed-demo-accounts.ts';
import { signIn } from '../../services/sessions/sign-in.ts';
import type { Store } from '../../storage/db.ts';
import { migrateDatabase } from '../../services/operations/migrate-database.ts';
import { getTotp, getUserByEmail } from '../../storage/repositories/accounts.ts';
import { listUserSessions } from '../../storage/repositories/sessions.ts';
import { runCli } from '../main.ts';
import { captureCli } from '../../../test/support/cli-io.ts';


const meta = () => ({ now: new Date(), ip: '192.0.2.7', userAgent: 'demo-accounts test' });

/** The email, password and TOTP secret of every account in a printed credentials block. */
function printed(text: string): { email: string; password: string; totpSecret: string }[] {
  return [...text.matchAll(/^ {2}email: +(\S+)\n {2}password: +(\S+)\n {2}TOTP secret: +(\S+)$/gm)].map((m) => ({ email: m[1]!, password: m[2]!, totpSecret: m[3]! }));
}

async function signInFails(store: Store, email: string, password: string): Promise<string> {
  try {
    await signIn(store.db, { email, password }, meta());
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  return 'signed in';
}

describe('demo-accounts', () => {
  let dir: string;
  let store: Store;
  let seeded: DemoCredential[];
  const saved = { ...process.env };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'liaison-demo-accounts-'));
    process.env.DATA_DIR = dir;
    delete process.env.DATABASE_URL;
    delete process.env.SITE_NAME;
    store = openConfiguredStore(loadConfig());
    await migrateDatabase(store);
    seeded = (await seedDemoAccounts(store.db, { issuer: loadConfig().site.name }))!;
  });
  afterEach(async () => {
    await store.close();
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every demo account with its role and agency, and says passwords are not kept in clear', async () => {
    const f = await captureCli((io) => runCli(['demo-accounts'], io));
    expect(f.code).toBe(0);
    for (const c of seeded) expect(f.out).toMatch(new RegExp(`^ {2}${c.email.replaceAll('.', '\\.')} +${c.roles.join('\\+')} +${c.agency}$`, 'm'));
    expect(f.out).toContain('not stored in clear');
    expect(f.out).toContain('demo-accounts --reset');
    for (const c of seeded) expect(f.out).not.toContain(c.password);
  });

  it('with --reset prints new credentials as the first start does: the new password signs in, the old one no longer does', async () => {
    const admin = seeded.find((c) => c.email === 'admin@office.demo.example')!;
    const before = await signIn(store.db, { email: admin.email, password: admin.password }, meta());
    expect(before.userId).toBeTruthy();
    const adminUser = (await getUserByEmail(store.db, admin.email))!;
    expect(await listUserSessions(store.db, adminUser.id)).toHaveLength(1);

    const f = await captureCli((io) => runCli(['demo-accounts', '--reset'], io));
    expect(f.code).toBe(0);
    expect(f.err).toBe('');
    const fresh = printed(f.out);
    expect(fresh.map((c) => c.email)).toEqual(seeded.map((c) => c.email));
    // The very block `npm start` prints, with the new secrets.
    const expected = seeded.map((c, i) => {
      const n = fresh[i]!;
      return { ...c, password: n.password, totpSecret: n.totpSecret, otpauthUri: c.otpauthUri.replace(`secret=${c.totpSecret}`, `secret=${n.totpSecret}`) };
    });
    expect(f.out.startsWith(formatDemoCredentials(expected))).toBe(true);

    for (const [i, n] of fresh.entries()) {
      expect(n.password).not.toBe(seeded[i]!.password);
      expect(n.totpSecret).not.toBe(seeded[i]!.totpSecret);
      const user = (await getUserByEmail(store.db, n.email))!;
      expect((await getTotp(store.db, user.id))?.secret).toBe(n.totpSecret);
    }
    expect(await listUserSessions(store.db, adminUser.id), 'the reset ended the session opened before it').toHaveLength(0);

    expect(await signInFails(store, admin.email, admin.password)).toBe('unauthenticated');
    const newAdmin = fresh.find((c) => c.email === admin.email)!;
    expect((await signIn(store.db, { email: admin.email, password: newAdmin.password }, meta())).userId).toBe(adminUser.id);
    const officer = fresh.find((c) => c.email === 'officer@police-de.demo.example')!;
    expect((await signIn(store.db, { email: officer.email, password: officer.password }, meta())).userId).toBeTruthy();

    const audited = await store.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'factor.change')
      .execute();
    const ids = await Promise.all(seeded.map(async (c) => (await getUserByEmail(store.db, c.email))!.id));
    expect(audited.map((a) => a.object_id).sort()).toEqual([...ids].sort());
  });

  it('refuses --reset with a clear message when the database has no demo accounts', async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'liaison-demo-accounts-'));
    process.env.DATA_DIR = dir;
    store = openConfiguredStore(loadConfig());
    const f = await captureCli((io) => runCli(['demo-accounts', '--reset'], io));
    expect(f.code).toBe(1);
    expect(f.err).toContain('There are no demo accounts');
    const g = await captureCli((io) => runCli(['demo-accounts'], io));
    expect(g.code).toBe(0);
    expect(g.out).toContain('No demo accounts');
  });
});
