/** Helpers for the portal's integration tests: a real platform in memory, a cookie-keeping client, accounts made by services. */
import { TOTP, Secret } from 'otpauth';
import { openPlatform, type Platform } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/config.ts';
import type { Role } from '../src/core/principal.ts';
import { createLogger } from '../src/logger.ts';
import { createAgency } from '../src/services/accounts/create-agency.ts';
import { createUser } from '../src/services/accounts/create-user.ts';

export const ORIGIN = 'http://localhost';

/** TRUST_PROXY lets each test client come from its own address (X-Forwarded-For), so address limits stay per test. */
export async function openTestPlatform(env: Record<string, string> = {}): Promise<Platform> {
  return openPlatform(loadConfig({ DATA_DIR: ':memory:', DEMO_DATA: 'false', LOG_LEVEL: 'silent', TRUST_PROXY: 'true', ...env }), createLogger('silent'));
}

let ipCounter = 1;
export const nextIp = (): string => `198.51.100.${ipCounter++ % 250}`;

export type TestUser = { id: string; email: string; name: string; password: string; totpSecret: string; agencyId: string };

let seq = 0;
export async function makeAgency(p: Platform, opts: { isOffice?: boolean; country?: string } = {}): Promise<{ id: string; code: string }> {
  const code = `T-${++seq}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const a = await createAgency(
    p.store.db,
    null,
    { code, name: `Test agency ${code}`, country: opts.country ?? 'DE', isOffice: opts.isOffice ?? false, isDemo: false },
    { now: new Date(), ip: null, userAgent: null },
  );
  return { id: a.id, code: a.code };
}

export async function makeUser(p: Platform, agencyId: string, roles: Role[]): Promise<TestUser> {
  const n = ++seq;
  const email = `user${n}-${Math.random().toString(36).slice(2, 8)}@agency.test`;
  const name = `Tester Number${n}`;
  const password = `violet tractor humming lagoon ${n}`;
  const created = await createUser(p.store.db, null, { email, name, agencyId, roles, password }, { now: new Date(), ip: null, userAgent: null }, []);
  return { id: created.user.id, email, name, password, totpSecret: created.totpSecret!, agencyId };
}

export function totpCode(secret: string, at: number = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });
}

/** The value of the hidden `_csrf` field in a page. */
export function csrfIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf field in the page');
  return m[1]!;
}

/** A browser-like client: keeps cookies, sends Origin on posts, comes from one address. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly platform: Platform,
    readonly ip: string = nextIp(),
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(path: string, init: RequestInit & { origin?: string | null } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('x-forwarded-for', this.ip);
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    if (init.method && init.method !== 'GET' && init.origin !== null) headers.set('origin', init.origin ?? ORIGIN);
    const res = await this.platform.app.request(`${ORIGIN}${path}`, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return this.request(path);
  }

  async page(path: string): Promise<string> {
    const res = await this.get(path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
    return res.text();
  }

  /** Posts a form with the CSRF token of `tokenFrom` (a page to read it from), unless `_csrf` is given. */
  async post(path: string, form: Record<string, string | string[]>, opts: { tokenFrom?: string; origin?: string | null } = {}): Promise<Response> {
    const body = new URLSearchParams();
    if (!('_csrf' in form)) body.append('_csrf', csrfIn(await this.page(opts.tokenFrom ?? '/portal/account')));
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      origin: opts.origin,
    });
  }

  async signInPassword(user: Pick<TestUser, 'email' | 'password'>): Promise<Response> {
    return this.post('/portal/sign-in', { email: user.email, password: user.password }, { tokenFrom: '/portal/sign-in' });
  }

  /** Password then TOTP; `step` picks the code's time-step offset so one user can sign in twice in one period. */
  async signIn(user: TestUser, step = 0): Promise<void> {
    const r1 = await this.signInPassword(user);
    if (r1.status !== 303) throw new Error(`sign-in failed: ${r1.status}`);
    const r2 = await this.post('/portal/mfa/totp', { code: totpCode(user.totpSecret, Date.now() + step * 30_000) }, { tokenFrom: '/portal/mfa' });
    if (r2.status !== 303 || r2.headers.get('location') !== '/portal') throw new Error(`second factor failed: ${r2.status}`);
  }
}
