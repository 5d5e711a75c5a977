/** Use case: an auditor runs the chain verification of `audit verify` from the portal; the run itself is recorded. */
import type { AuditVerifyKey } from '../../core/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { auditReadScope } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../transaction.ts';
import { recordAudit } from './record-audit.ts';
import { verifyAuditChain, type ChainReport } from './verify-audit-chain.ts';

/**
 * Only the office's auditors: the chain spans every agency, and its report names entries and counts that an agency's own
 * auditor may not see. The walk reads no personal data and holds no transaction; its outcome is appended afterwards in a
 * short one, so a verification leaves a trace even when it finds the trail broken.
 */
export async function verifyAuditTrail(db: Db, reader: Principal, key: AuditVerifyKey | null, meta: { ip: string | null }): Promise<ChainReport> {
  if (auditReadScope(reader).scope !== 'all') throw new AppError('forbidden', 'audit.verify.office_only');
  const report = await verifyAuditChain(db, { key });
  await inTransaction(db, (trx) =>
    recordAudit(trx, {
      action: 'consult',
      userId: reader.userId,
      agencyId: reader.agencyId,
      objectType: 'audit_log',
      objectId: null,
      purpose: null,
      details: { what: 'verify', ok: report.ok, checked: report.checked, signatures: report.signatures.checked, problem: report.problem?.reason ?? null },
      ip: meta.ip,
    }),
  );
  return report;
}
