/** Use case: the agencies an officer may address a case to, the office (which routes) first, then by country and name. */
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { listAgencies } from '../../storage/repositories/accounts.ts';

export type CaseRecipient = { id: string; name: string; code: string; country: string; isOffice: boolean };

/** A disabled agency is left out: nobody there could read the case, and opening it would be refused anyway. */
export async function listCaseRecipients(db: Db, principal: Principal): Promise<CaseRecipient[]> {
  assertCan(principal, 'cases.exchange');
  const agencies = (await listAgencies(db)).filter((a) => a.id !== principal.agencyId && a.disabledAt === null);
  const recipients = agencies.map((a) => ({ id: a.id, name: a.name, code: a.code, country: a.country, isOffice: a.isOffice }));
  // The repository orders by country then name; a stable sort keeps that order within each side.
  return recipients.sort((a, b) => Number(b.isOffice) - Number(a.isOffice));
}
