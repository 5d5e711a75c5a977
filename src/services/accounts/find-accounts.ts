/** Operators' look-ups of agencies and users, with the server's own authority (the command line). */
import type { Agency, User } from '../../core/accounts.ts';
import type { Db } from '../../storage/db.ts';
import { getAgencyByCode, getUserByEmail, listAgencies } from '../../storage/repositories/accounts.ts';

export function findAgencyByCode(db: Db, code: string): Promise<Agency | undefined> {
  return getAgencyByCode(db, code);
}

export function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return getUserByEmail(db, email);
}

export function listAllAgencies(db: Db): Promise<Agency[]> {
  return listAgencies(db);
}
