/**
 * The portal's cookies. Their security follows the configured PUBLIC_URL, never the request's Host header: with an
 * https public URL they are always `__Host-` prefixed and Secure; only a plain-http public URL (development on this
 * machine) drops both, since browsers refuse Secure cookies over http.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_ABSOLUTE_MS } from '../../core/session-policy.ts';
import type { AppEnv } from '../context.ts';

type CookieKind = 'session' | 'pre' | 'parked';
const base: Record<CookieKind, string> = { session: 'liaison_session', pre: 'liaison_pre', parked: 'liaison_parked' };

const secureFor = (c: Context<AppEnv>): boolean => c.get('deps').config.publicUrl.startsWith('https:');

export function cookieName(c: Context<AppEnv>, kind: CookieKind): string {
  return secureFor(c) ? `__Host-${base[kind]}` : base[kind];
}

export function readCookie(c: Context<AppEnv>, kind: CookieKind): string | undefined {
  return getCookie(c, cookieName(c, kind));
}

export function writeCookie(c: Context<AppEnv>, kind: CookieKind, value: string): void {
  setCookie(c, cookieName(c, kind), value, {
    httpOnly: true,
    secure: secureFor(c),
    sameSite: 'Lax',
    path: '/',
    maxAge: kind === 'session' ? SESSION_ABSOLUTE_MS / 1000 : kind === 'parked' ? 3600 * 24 : 3600 * 12,
  });
}

export function clearCookie(c: Context<AppEnv>, kind: CookieKind): void {
  deleteCookie(c, cookieName(c, kind), { path: '/', secure: secureFor(c) });
}
