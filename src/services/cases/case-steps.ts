/** The steps every case use case shares: reading a case the principal may see, and the purpose its reading is recorded with. */
import type { Transaction } from 'kysely';
import { requirePurpose } from '../../core/audit.ts';
import { assertCanSeeCase, participates } from '../../core/cases.ts';
import { AppError } from '../../core/errors.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getCase, type StoredCase } from '../../storage/repositories/cases.ts';
import type { Database } from '../../storage/schema.ts';

/** A case the principal may see; any other answers "not found", as an unknown id does. */
export async function visibleCase(db: Db | Transaction<Database>, principal: Principal, id: string): Promise<StoredCase> {
  const c = await getCase(db, id);
  if (!c) throw new AppError('not_found', 'error.detail.resource_not_found');
  assertCanSeeCase(principal, c);
  return c;
}

/** A case the principal's agency takes part in (writing to a case needs more than the office's sight of it). */
export async function participatedCase(db: Db | Transaction<Database>, principal: Principal, id: string): Promise<StoredCase> {
  const c = await visibleCase(db, principal, id);
  if (!participates(principal, c)) throw new AppError('forbidden', 'cases.error.not_participant');
  if (c.erasedAt) throw new AppError('gone', 'cases.error.erased');
  return c;
}

/**
 * The purpose a reading is recorded with: the one stated, or for a participating agency the case itself (its reference
 * is the purpose its officers work to). The office's liaison officers, reading cases they route, state why.
 */
export function purposeOfReading(principal: Principal, c: StoredCase, asked: unknown): string {
  if (typeof asked === 'string' && asked.trim() !== '') return requirePurpose(asked);
  if (participates(principal, c)) return `case ${c.reference}`;
  return requirePurpose(asked);
}
