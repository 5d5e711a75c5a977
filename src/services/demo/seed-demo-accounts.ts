/**
 * Creates the fictional demo agencies and one demo user per role, with passwords and TOTP secrets random per
 * installation; lists them, and gives them new credentials on an operator's request.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import { hashPassword } from '../../core/passwords.ts';
import type { Principal, Role } from '../../core/principal.ts';
import { principalOf } from '../../core/session-policy.ts';
import { newTotpSecret, totpUri } from '../../core/totp.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getAgencyByCode, getUserByEmail, listAgencies, listUsers, replaceRecoveryCodes, setPasswordHash, setTotp } from '../../storage/repositories/accounts.ts';
import { claimSeedStep } from '../../storage/repositories/seed-markers.ts';
import { deleteUserSessions } from '../../storage/repositories/sessions.ts';
import { createAgency } from '../accounts/create-agency.ts';
import { createUser } from '../accounts/create-user.ts';
import { checkNewPassword } from '../accounts/check-new-password.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { runInScope } from '../request-scope.ts';
import { inTransaction } from '../transaction.ts';

export type DemoCredential = {
  email: string;
  name: string;
  agency: string;
  roles: Role[];
  password: string;
  totpSecret: string;
  otpauthUri: string;
};

const demoAgencies = [
  { code: 'DEMO-OFFICE', name: 'Demo Police Cooperation Office (fictional)', country: 'BE', isOffice: true },
  { code: 'DEMO-DE-NPD', name: 'National Police Directorate (fictional)', country: 'DE', isOffice: false },
  { code: 'DEMO-HR-BGS', name: 'Border Guard Service (fictional)', country: 'HR', isOffice: false },
  { code: 'DEMO-NL-CIS', name: 'Customs Investigation Service (fictional)', country: 'NL', isOffice: false },
  { code: 'DEMO-UA-NCB', name: 'Counterpart Cooperation Office (fictional)', country: 'UA', isOffice: false },
] as const;

const demoUsers: { email: string; name: string; agency: (typeof demoAgencies)[number]['code']; roles: Role[] }[] = [
  { email: 'admin@office.demo.example', name: 'Alex Admin (demo)', agency: 'DEMO-OFFICE', roles: ['admin'] },
  { email: 'reviewer@office.demo.example', name: 'Rita Reviewer (demo)', agency: 'DEMO-OFFICE', roles: ['reviewer'] },
  { email: 'liaison@office.demo.example', name: 'Luc Liaison (demo)', agency: 'DEMO-OFFICE', roles: ['liaison'] },
  { email: 'editor@office.demo.example', name: 'Eva Editor (demo)', agency: 'DEMO-OFFICE', roles: ['editor'] },
  { email: 'auditor@office.demo.example', name: 'Aino Auditor (demo)', agency: 'DEMO-OFFICE', roles: ['auditor'] },
  { email: 'officer@police-de.demo.example', name: 'Otto Officer (demo)', agency: 'DEMO-DE-NPD', roles: ['officer'] },
  { email: 'admin@police-de.demo.example', name: 'Anke Agency-Admin (demo)', agency: 'DEMO-DE-NPD', roles: ['admin'] },
  { email: 'officer@border-hr.demo.example', name: 'Ivana Officer (demo)', agency: 'DEMO-HR-BGS', roles: ['officer'] },
  { email: 'officer@customs-nl.demo.example', name: 'Noor Officer (demo)', agency: 'DEMO-NL-CIS', roles: ['officer'] },
  { email: 'liaison@ncb-ua.demo.example', name: 'Oksana Counterpart (demo)', agency: 'DEMO-UA-NCB', roles: ['officer'] },
];

/** Four random groups of five letters and digits (about 100 bits), regenerated in the unlikely case the policy refuses it. */
function randomPassword(context: { email: string; name: string }): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  for (;;) {
    const chars = [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
    const pw = chars.match(/.{5}/g)!.join('-');
    if (checkNewPassword(pw, context) === null) return pw;
  }
}

/**
 * Seeds once: returns the credentials of the accounts created now, or null when the demo agencies already existed
 * (credentials are never stored in clear, so they can only be shown at this first start). Everything is created in
 * one transaction that first claims the `demo-accounts` marker, so of several instances starting together exactly
 * one creates the accounts and prints their credentials.
 */
export async function seedDemoAccounts(db: Db, opts: { issuer?: string; now?: Date } = {}): Promise<DemoCredential[] | null> {
  if (await getAgencyByCode(db, demoAgencies[0].code)) return null;
  const now = opts.now ?? new Date();
  const meta = { now, ip: null, userAgent: null };
  const issuer = opts.issuer ?? 'Liaison';
  // Ten password hashes run inside the transaction; that is well under a second, once per installation.
  return inTransaction(db, async (trx) => {
    if (!(await claimSeedStep(trx, 'demo-accounts', now.toISOString())) || (await getAgencyByCode(trx, demoAgencies[0].code))) return null;
    const ids = new Map<string, string>();
    for (const a of demoAgencies) ids.set(a.code, (await createAgency(trx, null, { ...a, isDemo: true }, meta)).id);
    const credentials: DemoCredential[] = [];
    for (const u of demoUsers) {
      const password = randomPassword(u);
      const created = await createUser(trx, null, { ...u, agencyId: ids.get(u.agency)!, password, isDemo: true }, meta, [issuer]);
      const totpSecret = created.totpSecret!;
      credentials.push({ ...u, password, totpSecret, otpauthUri: totpUri(totpSecret, issuer, u.email) });
    }
    return credentials;
  });
}

export type DemoAccount = { id: string; email: string; name: string; agency: string; agencyId: string; roles: Role[] };

/** The demo accounts in the database, in the order they were seeded (any others marked demo after them, by email). */
export async function listDemoAccounts(db: Db): Promise<DemoAccount[]> {
  const agencies = new Map((await listAgencies(db)).map((a) => [a.id, a.code]));
  const rank = (email: string) => {
    const i = demoUsers.findIndex((u) => u.email === email);
    return i === -1 ? demoUsers.length : i;
  };
  return (await listUsers(db))
    .filter((u) => u.isDemo)
    .map((u) => ({ id: u.id, email: u.email, name: u.name, agency: agencies.get(u.agencyId) ?? u.agencyId, agencyId: u.agencyId, roles: u.roles }))
    .sort((a, b) => rank(a.email) - rank(b.email) || (a.email < b.email ? -1 : 1));
}

/**
 * Gives every demo account a new random password and a new TOTP secret (its recovery codes, tied to the old
 * authenticator, are dropped), ends its sessions, and audits each change as `factor.change`, all in one transaction.
 * Returns the new credentials: the only time they exist in clear.
 */
export async function resetDemoAccounts(db: Db, opts: { issuer?: string; now?: Date } = {}): Promise<DemoCredential[]> {
  const accounts = await listDemoAccounts(db);
  if (accounts.length === 0) throw new AppError('not_found', 'error.detail.no_demo_accounts');
  const issuer = opts.issuer ?? 'Liaison';
  const now = (opts.now ?? new Date()).toISOString();
  // Hashing is the slow part: done before the transaction, so it stays short.
  const fresh = await Promise.all(
    accounts.map(async (a) => {
      const password = randomPassword(a);
      return { account: a, password, hash: await hashPassword(password), totpSecret: newTotpSecret() };
    }),
  );
  await inTransaction(db, async (trx) => {
    for (const { account, hash, totpSecret } of fresh) {
      await setPasswordHash(trx, account.id, hash, now);
      await setTotp(trx, account.id, totpSecret, 0, now);
      await replaceRecoveryCodes(trx, account.id, [], now);
      const ended = await deleteUserSessions(trx, account.id);
      await recordAudit(trx, {
        action: 'factor.change', userId: null, agencyId: account.agencyId, objectType: 'user', objectId: account.id, purpose: null,
        details: { factor: 'password+totp', change: 'demo_reset', by: 'operator', sessionsEnded: ended }, ip: null,
      });
    }
  });
  return fresh.map(({ account, password, totpSecret }) => ({
    email: account.email,
    name: account.name,
    agency: account.agency,
    roles: account.roles,
    password,
    totpSecret,
    otpauthUri: totpUri(totpSecret, issuer, account.email),
  }));
}

/** The block printed once at first start: clearly marked DEMO, one account per line group. */
export function formatDemoCredentials(credentials: DemoCredential[]): string {
  const lines = [
    '================ DEMO ACCOUNTS (fictional, for demonstration only) ================',
    'Shown once, now: passwords are stored only as hashes. Add the TOTP secret to an authenticator app.',
    '',
  ];
  for (const c of credentials) {
    lines.push(`DEMO ${c.roles.join('+')} @ ${c.agency}`, `  email:       ${c.email}`, `  password:    ${c.password}`, `  TOTP secret: ${c.totpSecret}`, `  otpauth URI: ${c.otpauthUri}`, '');
  }
  lines.push('===================================================================================');
  return `${lines.join('\n')}\n`;
}

/** The principal a demo account acts as while seeding, or null when it is missing, not demo, or disabled. */
export async function demoPrincipal(db: Db, email: string): Promise<Principal | null> {
  const user = await getUserByEmail(db, email);
  const agency = user && (await getAgency(db, user.agencyId));
  if (!user || !agency || !user.isDemo || user.disabledAt !== null || agency.disabledAt !== null) return null;
  // No session exists behind a seeding step; the audit trail still names the user and agency that acted.
  return { ...principalOf(user, agency, ''), sessionId: null };
}

/** Runs a seeding step as a demo principal (or the clock, with none), so the audit trail names who acted. */
export const actAs = <T>(principal: Principal | null, fn: () => Promise<T>): Promise<T> =>
  runInScope({ principal, ip: null, userAgent: null, purpose: null, channel: 'operator' }, fn);
