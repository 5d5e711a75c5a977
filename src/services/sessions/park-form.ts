/**
 * Use cases: keep a form whose session ended before it was saved, and give it back after the next sign-in, so an
 * officer who typed a long request never loses it to a timeout. The form is kept for the browser that posted it (a
 * random token in a cookie, stored only as a hash) for a day, and given back only to a page that asks for it by path.
 */
import { nowIso } from '../../core/ids.ts';
import { randomToken, sha256Hex } from '../../core/secrets.ts';
import type { Db } from '../../storage/db.ts';
import { deleteExpiredParkedForms, putParkedForm, takeParkedForm, type ParkedFields } from '../../storage/repositories/parked-forms.ts';
import { inTransaction } from '../transaction.ts';

export type { ParkedFields };

/** How long a kept form waits for its officer to sign in again. */
export const PARKED_FORM_MS = 24 * 3600_000;

/** Keeps the fields and returns the token the browser must hold to get them back. */
export async function parkForm(db: Db, path: string, fields: ParkedFields, now: Date, token: string = randomToken()): Promise<string> {
  await putParkedForm(db, { tokenHash: sha256Hex(token), path, fields, now: nowIso(now), expiresAt: nowIso(new Date(now.getTime() + PARKED_FORM_MS)) });
  return token;
}

/** The kept fields for this browser's token and path, once: taking them deletes them. */
export async function takeBackForm(db: Db, token: string | undefined, path: string, now: Date): Promise<{ fields: ParkedFields; createdAt: string } | undefined> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return inTransaction(db, (trx) => takeParkedForm(trx, sha256Hex(token), path, nowIso(now)));
}

export function purgeParkedForms(db: Db, now: Date): Promise<number> {
  return deleteExpiredParkedForms(db, nowIso(now));
}
