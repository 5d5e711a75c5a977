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

/** Bounds of a stated purpose: long enough to name a case reference, short enough to stay a reference, not a story. */
export const PURPOSE_MIN_LENGTH = 3;
export const PURPOSE_MAX_LENGTH = 200;

/**
 * Checks a stated purpose (a case reference or reason) and returns it trimmed, or a message saying what is wrong.
 * Control characters are refused so that purposes stay one readable line in exports.
 */
export function checkPurpose(raw: unknown): { ok: true; purpose: string } | { ok: false; message: string } {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value.length === 0) {
    return { ok: false, message: 'State the purpose (a case reference or reason) before consulting personal data.' };
  }
  if (value.length < PURPOSE_MIN_LENGTH || value.length > PURPOSE_MAX_LENGTH) {
    return { ok: false, message: `The purpose must be ${PURPOSE_MIN_LENGTH} to ${PURPOSE_MAX_LENGTH} characters long.` };
  }
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, message: 'The purpose must be a single line of text.' };
  return { ok: true, purpose: value };
}

/** Filters of the auditors' view of the trail; `from`/`to` are inclusive ISO dates or times (UTC). */
export type AuditFilters = {
  userId?: string;
  agencyId?: string;
  objectType?: string;
  objectId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
};
