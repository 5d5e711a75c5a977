/** Use case: an auditor reads one page of the audit trail, scoped to what their agency may see; the reading is itself audited. */
import { auditReadingEntry, requirePurpose, type AuditEntry, type AuditFilters } from '../../core/audit.ts';
import { auditReadScope, scopeAuditFilters } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { listAudit } from '../../storage/repositories/audit.ts';
import { inTransaction } from '../transaction.ts';
import { recordAudit } from './record-audit.ts';

export type AuditReadQuery = {
  /** The stated purpose, as typed (checked here). */
  purpose: unknown;
  /** The filters the reader asked for; a non-office reader's are pinned to their own agency. */
  filters: AuditFilters;
};

export type AuditPage = { total: number; entries: AuditEntry[]; purpose: string; scope: 'all' | 'own_agency' };

/**
 * Office auditors see every agency's entries; any other auditor only their own agency's, whatever filter they send (a
 * filter naming another agency matches nothing). The read and the 'consult' entry recording it share one transaction:
 * no page is returned unless its reading was recorded. The entry is appended last so the chain's head is held only
 * for the instant of the append, not for the count and page queries.
 */
export async function listAuditEntries(
  db: Db,
  reader: Principal,
  query: AuditReadQuery & { page: number; perPage: number },
  meta: { ip: string | null },
): Promise<AuditPage> {
  const { scope } = auditReadScope(reader);
  const purpose = requirePurpose(query.purpose);
  const applied = scopeAuditFilters(reader, query.filters);
  return inTransaction(db, async (trx) => {
    const found = applied ? await listAudit(trx, applied, query.page, query.perPage) : { total: 0, entries: [] };
    await recordAudit(trx, auditReadingEntry(reader, purpose, query.filters, scope, 'view', meta.ip));
    return { ...found, purpose, scope };
  });
}
