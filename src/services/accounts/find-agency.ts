/** One agency by id, for pages and API answers that show who an account belongs to. */
import type { Agency } from '../../core/accounts.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency } from '../../storage/repositories/accounts.ts';

export function findAgency(db: Db, id: string): Promise<Agency | undefined> {
  return getAgency(db, id);
}
