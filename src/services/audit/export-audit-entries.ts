/** Use case: an auditor exports the filtered audit trail, scoped to what their agency may see; the export is itself audited. */
import { auditReadingEntry, requirePurpose, type AuditEntry } from '../../core/audit.ts';
import { auditReadScope, scopeAuditFilters } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { streamAuditMatching } from '../../storage/repositories/audit.ts';
import { inTransaction } from '../transaction.ts';
import type { AuditReadQuery } from './list-audit-entries.ts';
import { recordAudit } from './record-audit.ts';

/**
 * Every matching entry in chain order, under the same scope as the listing (office: all agencies; others: their own
 * agency only). The entries are read in batches filtered by the database and collected before the transaction that
 * records the export commits, so nothing leaves unless the export was recorded; the caller formats them (CSV).
 */
export async function exportAuditEntries(db: Db, reader: Principal, query: AuditReadQuery, meta: { ip: string | null }): Promise<AuditEntry[]> {
  const { scope } = auditReadScope(reader);
  const purpose = requirePurpose(query.purpose);
  const applied = scopeAuditFilters(reader, query.filters);
  return inTransaction(db, async (trx) => {
    const entries: AuditEntry[] = [];
    if (applied) for await (const batch of streamAuditMatching(trx, applied)) entries.push(...batch);
    await recordAudit(trx, auditReadingEntry(reader, purpose, query.filters, scope, 'export', meta.ip));
    return entries;
  });
}
