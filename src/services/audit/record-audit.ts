/** The one way use cases write the audit trail: they state what happened; who, from where and why come from the request. */
import type { Transaction } from 'kysely';
import type { AuditEntryInput } from '../../core/audit.ts';
import { appendAudit } from '../../storage/repositories/audit.ts';
import type { Database } from '../../storage/schema.ts';
import { currentScope } from '../request-scope.ts';

/** What a use case says; the actor, agency, purpose and address default to the request's, and may be overridden. */
export type AuditEvent = Omit<AuditEntryInput, 'userId' | 'agencyId' | 'purpose' | 'ip'> &
  Partial<Pick<AuditEntryInput, 'userId' | 'agencyId' | 'purpose' | 'ip'>>;

export async function recordAudit(trx: Transaction<Database>, event: AuditEvent): Promise<void> {
  const scope = currentScope();
  await appendAudit(trx, {
    userId: scope.principal?.userId ?? null,
    agencyId: scope.principal?.agencyId ?? null,
    purpose: scope.purpose,
    ip: scope.ip,
    ...event,
    details: { channel: scope.channel, ...event.details },
  });
  scope.audited += 1;
}
