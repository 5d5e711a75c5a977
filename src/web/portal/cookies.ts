/** The portal's cookies: `__Host-` prefixed and Secure, relaxed only for plain HTTP on the loopback interface (development). */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_ABSOLUTE_MS } from '../../core/session-policy.ts';
import type { AppEnv } from '../context.ts';

const loopbackHost = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/;

/** True for `http://localhost…`, `http://127.x.x.x…` and `http://[::1]…` without a TLS-terminating proxy in front. */
export function isLoopbackPlainHttp(c: Context<AppEnv>): boolean {
  const url = new URL(c.req.url);
  if (url.protocol !== 'http:' || !loopbackHost.test(url.hostname)) return false;
  return !(c.get('deps').config.trustProxy && c.req.header('x-forwarded-proto') === 'https');
}

type CookieKind = 'session' | 'pre';
const base: Record<CookieKind, string> = { session: 'liaison_session', pre: 'liaison_pre' };

export function cookieName(c: Context<AppEnv>, kind: CookieKind): string {
  return isLoopbackPlainHttp(c) ? base[kind] : `__Host-${base[kind]}`;
}

export function readCookie(c: Context<AppEnv>, kind: CookieKind): string | undefined {
  return getCookie(c, cookieName(c, kind));
}

export function writeCookie(c: Context<AppEnv>, kind: CookieKind, value: string): void {
  setCookie(c, cookieName(c, kind), value, {
    httpOnly: true,
    secure: !isLoopbackPlainHttp(c),
    sameSite: 'Lax',
    path: '/',
    maxAge: kind === 'session' ? SESSION_ABSOLUTE_MS / 1000 : 3600 * 12,
  });
}

export function clearCookie(c: Context<AppEnv>, kind: CookieKind): void {
  deleteCookie(c, cookieName(c, kind), { path: '/', secure: !isLoopbackPlainHttp(c) });
}
