/** Portal authentication and authorisation: session from the cookie, second-factor gate, permissions, recent re-authentication. */
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.ts';
import { assertCan, type Permission } from '../../core/permissions.ts';
import { REAUTH_WINDOW_MS, type RequestMeta } from '../../core/session-policy.ts';
import { resolveSession, type ActiveSession } from '../../services/sessions/resolve-session.ts';
import type { AppEnv } from '../context.ts';
import { clearCookie, readCookie } from './cookies.ts';
import { portalPath } from './paths.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The portal session of this request, second factor done or not; undefined when signed out. */
    portalSession: ActiveSession | undefined;
    /** The raw session token (from the cookie), from which the session's CSRF token derives. */
    portalToken: string | undefined;
  }
}

/** The facts every account use case records: time, client address, user agent. */
export function requestMeta(c: Context<AppEnv>): RequestMeta {
  return { now: new Date(), ip: c.get('clientIp'), userAgent: c.req.header('user-agent') ?? null };
}

const isSafe = (c: Context<AppEnv>): boolean => c.req.method === 'GET' || c.req.method === 'HEAD';

/** Reads the session cookie; sets `principal` only when the second factor is verified, the user and agency enabled. */
export const authenticateSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('principal', undefined);
  c.set('portalSession', undefined);
  c.set('portalToken', undefined);
  const token = readCookie(c, 'session');
  if (token) {
    const active = await resolveSession(c.get('deps').store.db, token, new Date());
    if (active) {
      c.set('portalSession', active);
      c.set('portalToken', token);
      c.set('principal', active.principal);
    } else {
      clearCookie(c, 'session');
    }
  }
  await next();
};

/** Without a full sign-in: a redirect for pages (to sign-in or to the pending second factor), an error for actions. */
function signedInGate(c: Context<AppEnv>): Response | undefined {
  if (c.get('principal')) return undefined;
  const pending = c.get('portalSession');
  const target = pending ? (pending.session.enrolment ? '/enrol' : '/mfa') : '/sign-in';
  if (isSafe(c)) return c.redirect(portalPath(c, target), 303);
  throw new AppError('unauthenticated', 'Please sign in.');
}

export const requireSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
  const gate = signedInGate(c);
  if (gate) return gate;
  await next();
};

export const requirePermission =
  (permission: Permission): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const gate = signedInGate(c);
    if (gate) return gate;
    assertCan(c.get('principal'), permission);
    await next();
  };

/** Sensitive actions need a password or code entered within the last 5 minutes; otherwise the user is asked again. */
export const requireRecentAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const gate = signedInGate(c);
  if (gate) return gate;
  const active = c.get('portalSession');
  if (!active || Date.now() - Date.parse(active.session.reauthAt) > REAUTH_WINDOW_MS) {
    const back = isSafe(c) ? new URL(c.req.url).pathname : (safeLocalPath(c.req.header('referer')) ?? portalPath(c, '/account'));
    return c.redirect(`${portalPath(c, '/reauth')}?next=${encodeURIComponent(back)}`, 303);
  }
  await next();
};

/** A password-only session (second factor pending): the only kind the second-factor pages accept. */
export const requirePendingSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const active = c.get('portalSession');
  if (active?.principal) return c.redirect(portalPath(c, '/'), 303);
  if (!active) {
    if (isSafe(c)) return c.redirect(portalPath(c, '/sign-in'), 303);
    throw new AppError('unauthenticated', 'Please sign in.');
  }
  await next();
};

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
