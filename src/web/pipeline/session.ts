/** The authentication steps: the portal session from its cookie, the CSRF token bound to it, and API keys. */
import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import { AppError } from '../../core/errors.ts';
import { constantTimeEqual, randomToken } from '../../core/secrets.ts';
import { REAUTH_WINDOW_MS } from '../../core/session-policy.ts';
import { authenticateApiKey } from '../../services/api-keys/authenticate-api-key.ts';
import { resolveSession, type ActiveSession } from '../../services/sessions/resolve-session.ts';
import type { AppEnv } from '../context.ts';
import { field, readForm } from './body.ts';
import { clearCookie, readCookie, writeCookie } from './cookies.ts';
import type { AuthMode } from './route.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The portal session of this request, second factor done or not; undefined when signed out. */
    portalSession: ActiveSession | undefined;
    /** The raw session token (from the cookie), from which the session's CSRF token derives. */
    portalToken: string | undefined;
    /** The token forms of this request must carry in `_csrf` (or JSON requests in `X-CSRF-Token`). */
    csrfToken: string;
  }
}

/** A path inside the portal in the request's language (`/portal/…`, `/fr/portal/…`). */
export function portalPath(c: Context<AppEnv>, path: string): string {
  const prefix = c.get('lang') === 'en' ? '' : `/${c.get('lang')}`;
  return `${prefix}${path === '/' ? '/portal' : `/portal${path}`}`;
}

const isSafe = (c: Context<AppEnv>): boolean => c.req.method === 'GET' || c.req.method === 'HEAD';

/** Reads the session cookie; `principal` is set only once the second factor is verified and user and agency are enabled. */
async function readSession(c: Context<AppEnv>): Promise<void> {
  c.set('portalSession', undefined);
  c.set('portalToken', undefined);
  const token = readCookie(c, 'session');
  if (!token) return;
  const active = await resolveSession(c.get('deps').db, token, new Date());
  if (!active) {
    clearCookie(c, 'session');
    return;
  }
  c.set('portalSession', active);
  c.set('portalToken', token);
  c.set('principal', active.principal);
}

/** Where a request that lacks the sign-in it needs is sent: pages are redirected, actions refused. */
function gate(c: Context<AppEnv>, target: string): Response {
  if (isSafe(c)) return c.redirect(portalPath(c, target), 303);
  throw new AppError('unauthenticated', 'error.detail.sign_in');
}

/** Runs the authentication the route declared; returns a redirect when the request must go elsewhere first. */
export async function authenticate(c: Context<AppEnv>, mode: AuthMode): Promise<Response | undefined> {
  c.set('principal', undefined);
  if (mode === 'none') return undefined;
  if (mode === 'optional-api-key' && !c.req.header('authorization')) return undefined;
  if (mode === 'api-key' || mode === 'optional-api-key') {
    try {
      c.set('principal', await authenticateApiKey(c.get('deps').db, c.req.header('authorization'), c.get('clientIp'), c.req.method, new Date()));
    } catch (err) {
      // RFC 6750: a refused bearer token says which scheme the client should use.
      if (err instanceof AppError && err.code === 'unauthenticated') c.header('WWW-Authenticate', 'Bearer realm="api"');
      throw err;
    }
    return undefined;
  }
  await readSession(c);
  const active = c.get('portalSession');
  if (mode === 'session' && !active?.principal) return gate(c, active ? (active.session.enrolment ? '/enrol' : '/mfa') : '/sign-in');
  if (mode === 'pending-session') {
    if (active?.principal) return c.redirect(portalPath(c, '/'), 303);
    if (!active) return gate(c, '/sign-in');
  }
  return undefined;
}

/** Sensitive actions need a password or code entered within the last 5 minutes; otherwise the user is asked again. */
export function requireRecentAuth(c: Context<AppEnv>): Response | undefined {
  const active = c.get('portalSession');
  if (active && Date.now() - Date.parse(active.session.reauthAt) <= REAUTH_WINDOW_MS) return undefined;
  const back = isSafe(c) ? new URL(c.req.url).pathname : (safeLocalPath(c.req.header('referer')) ?? portalPath(c, '/account'));
  return c.redirect(`${portalPath(c, '/reauth')}?next=${encodeURIComponent(back)}`, 303);
}

/** A same-site path inside the portal, or undefined: never redirect to another origin. */
export function safeLocalPath(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  let path = value;
  try {
    if (/^https?:/i.test(value)) path = new URL(value).pathname;
  } catch {
    return undefined;
  }
  return /^\/([a-z]{2,3}\/)?portal(\/[A-Za-z0-9/_-]*)?$/.test(path) ? path : undefined;
}

/** Derived from the session token, so it needs no storage and changes whenever the session token does. */
export const sessionCsrf = (sessionToken: string): string => createHmac('sha256', sessionToken).update('liaison csrf v1').digest('base64url');

/**
 * Sets the token this request's forms carry, and refuses an unsafe request unless it comes from this site's own pages
 * (Origin or Sec-Fetch-Site) and carries the token: bound to the session, or a double-submit cookie before sign-in.
 */
export async function checkCsrf(c: Context<AppEnv>): Promise<void> {
  const sessionToken = c.get('portalToken');
  let expected: string;
  if (sessionToken) {
    expected = sessionCsrf(sessionToken);
  } else {
    const pre = readCookie(c, 'pre');
    expected = pre && /^[A-Za-z0-9_-]{43}$/.test(pre) ? pre : randomToken();
    if (expected !== pre) writeCookie(c, 'pre', expected);
  }
  c.set('csrfToken', expected);
  if (isSafe(c)) return;
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  const allowed = new Set([new URL(c.req.url).origin, new URL(c.get('deps').config.publicUrl).origin]);
  if (!(site === 'same-origin' || (origin !== undefined && allowed.has(origin)))) throw new AppError('csrf_failed', 'error.detail.csrf_origin');
  const sent = c.req.header('x-csrf-token') || field(await readForm(c), '_csrf');
  if (!sent || !constantTimeEqual(sent, expected)) throw new AppError('csrf_failed', 'error.detail.csrf_token');
}
