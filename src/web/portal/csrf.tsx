/** CSRF protection behind Hono's Origin check: a token bound to the session (or a double-submit cookie before sign-in). */
import { createHmac } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors.ts';
import { constantTimeEqual, randomToken } from '../../core/secrets.ts';
import type { AppEnv } from '../context.ts';
import { readCookie, writeCookie } from './cookies.ts';
import { field, formBody } from './forms.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The token forms of this request must carry in `_csrf` (or JSON requests in `X-CSRF-Token`). */
    csrfToken: string;
  }
}

/** Derived from the session token, so it needs no storage and changes whenever the session token does. */
const sessionCsrf = (sessionToken: string): string => createHmac('sha256', sessionToken).update('liaison csrf v1').digest('base64url');

async function submittedToken(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  return field(await formBody(c), '_csrf') || undefined;
}

/** Runs after authentication: sets the expected token, and refuses an unsafe request without it. */
export const csrfTokens: MiddlewareHandler<AppEnv> = async (c, next) => {
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
  if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
    const sent = await submittedToken(c);
    if (!sent || !constantTimeEqual(sent, expected)) throw new AppError('csrf_failed', 'The form has expired or did not come from this site. Please try again.');
  }
  await next();
};

/** Requests must come from this site's own pages: Origin (or Sec-Fetch-Site) checked for every unsafe method and body type. */
export const sameOrigin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const allowed = new Set([new URL(c.req.url).origin, new URL(c.get('deps').config.publicUrl).origin]);
    const ok = site === 'same-origin' || (origin !== undefined && allowed.has(origin));
    if (!ok) throw new AppError('csrf_failed', 'The request did not come from this site.');
  }
  await next();
};

/** The hidden field every portal form carries: `<CsrfField token={c.get('csrfToken')} />`. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}
