/**
 * Forms that outlive their session: a portal form posted after its session ended is kept for the browser that posted
 * it, and its page gives it back after the next sign-in. Only a form this site's own page made in this browser is
 * kept: it must come from the same origin and carry the CSRF token of the session it was made in.
 */
import type { Context } from 'hono';
import { constantTimeEqual } from '../../core/secrets.ts';
import { parkForm, takeBackForm, type ParkedFields } from '../../services/sessions/park-form.ts';
import type { AppEnv } from '../context.ts';
import { readForm } from './body.ts';
import { clearCookie, readCookie, writeCookie } from './cookies.ts';
import { sessionCsrf } from './session.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set when this request's form was kept because its session had ended. */
    formKept: boolean | undefined;
  }
}

const withoutLanguage = (path: string): string => path.replace(/^\/[a-z]{2,3}(?=\/portal)/, '');

/** Keeps the form of an unauthenticated post when it was made by this site in this browser; says whether it did. */
export async function keepExpiredForm(c: Context<AppEnv>): Promise<boolean> {
  const sessionToken = readCookie(c, 'session');
  if (!sessionToken || !/^[A-Za-z0-9_-]{43}$/.test(sessionToken)) return false;
  const origin = c.req.header('origin');
  const allowed = new Set([new URL(c.req.url).origin, new URL(c.get('deps').config.publicUrl).origin]);
  if (!(c.req.header('sec-fetch-site') === 'same-origin' || (origin !== undefined && allowed.has(origin)))) return false;
  const body = await readForm(c).catch(() => undefined);
  const sent = body?._csrf;
  if (!body || typeof sent !== 'string' || !constantTimeEqual(sent, sessionCsrf(sessionToken))) return false;
  const fields: ParkedFields = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue;
    // Files are not kept: a photo is uploaded on its own, and is quick to choose again.
    const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (texts.length > 0) fields[name] = Array.isArray(value) ? texts : texts[0]!;
  }
  const token = await parkForm(c.get('deps').db, withoutLanguage(c.req.path), fields, new Date(), readCookie(c, 'parked'));
  writeCookie(c, 'parked', token);
  c.set('formKept', true);
  return true;
}

/** The form kept for this browser at `actionPath` (a portal path without language), given back once. */
export async function keptForm(c: Context<AppEnv>, actionPath: string): Promise<{ fields: ParkedFields; createdAt: string } | undefined> {
  const kept = await takeBackForm(c.get('deps').db, readCookie(c, 'parked'), withoutLanguage(actionPath), new Date());
  if (kept) clearCookie(c, 'parked');
  return kept;
}
