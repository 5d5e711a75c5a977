/** The audit trail's entry model (EU Law Enforcement Directive, Art. 25): who did what to which object, when, and why. */

export const auditActions = [
  // Processing of personal data (LED Art. 25 operations).
  'collect',
  'alter',
  'consult',
  'disclose',
  'combine',
  'erase',
  // Sign-in events.
  'signin.success',
  'signin.failure',
  'signin.mfa_failure',
  'signout',
  'session.revoked',
  // Administrative changes.
  'admin.change',
  'factor.change',
  'apikey.change',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditEntryInput = {
  action: AuditAction;
  /** Null for events without a known user (e.g. a failed sign-in for an unknown account). */
  userId: string | null;
  agencyId: string | null;
  objectType: string;
  objectId: string | null;
  /** The stated purpose: a case reference or reason; required for every consultation of personal data. */
  purpose: string | null;
  /** For disclosures: the receiving agencies or countries. */
  recipients?: string[];
  /** Non-personal context (never the erased data itself). */
  details?: Record<string, string | number | boolean | null>;
  /** Client address, when the event comes from a request. */
  ip?: string | null;
};

export type AuditEntry = AuditEntryInput & {
  seq: number;
  id: string;
  at: string;
  prevHash: string;
  hash: string;
};
