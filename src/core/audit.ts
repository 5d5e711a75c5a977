/** The audit trail's entry model (EU Law Enforcement Directive, Art. 25): who did what to which object, when, and why. */
import { AppError } from './errors.ts';

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

/** Bounds of a stated purpose: enough letters or digits to name a case reference, short enough to stay a reference, not a story. */
export const PURPOSE_MIN_LENGTH = 3;
export const PURPOSE_MAX_LENGTH = 200;

// Cf: zero-width characters, bidi embeddings/overrides/isolates, soft hyphen, BOM, tag characters…
const invisible = /\p{Cf}/u;
// Cc, plus the Unicode line and paragraph separators, which break a line just as well.
const control = /[\p{Cc}\u2028\u2029]/u;
const lone = /\p{Cs}/u;
const letterOrDigit = /[\p{L}\p{N}]/gu;

/** What can be wrong with a stated purpose; each has its own message (and catalog key `audit.purpose_problem.<problem>`). */
export type PurposeProblem = 'missing' | 'invisible' | 'control' | 'malformed' | 'too_long' | 'no_words' | 'too_few';

const purposeMessages: Record<PurposeProblem, string> = {
  missing: 'State the purpose (a case reference or reason) before consulting personal data.',
  invisible: 'The purpose contains invisible characters (zero-width or text-direction controls); type it again without them.',
  control: 'The purpose must be a single line of text, without control characters.',
  malformed: 'The purpose contains malformed characters; type it again.',
  too_long: `The purpose must be at most ${PURPOSE_MAX_LENGTH} characters long.`,
  no_words: 'The purpose must contain words or a case reference, not only punctuation or symbols.',
  too_few: `The purpose must contain at least ${PURPOSE_MIN_LENGTH} letters or digits (a case reference or reason).`,
};

function purposeProblem(untrimmed: string): PurposeProblem | null {
  // Checked before trimming: trim() silently drops a BOM (U+FEFF), which is still an invisible character typed or pasted.
  if (invisible.test(untrimmed)) return 'invisible';
  const value = untrimmed.trim();
  if (value.length === 0) return 'missing';
  if (control.test(value)) return 'control';
  if (lone.test(value)) return 'malformed';
  if (value.length > PURPOSE_MAX_LENGTH) return 'too_long';
  const words = value.match(letterOrDigit)?.length ?? 0;
  if (words === 0) return 'no_words';
  if (words < PURPOSE_MIN_LENGTH) return 'too_few';
  return null;
}

/**
 * Checks a stated purpose (a case reference or reason) and returns it trimmed, or what is wrong with it.
 * A purpose is evidence read by people long after the fact: it must be one visible line with real words or a reference,
 * so invisible characters (which can make two purposes look alike or reorder what a reader sees), control characters
 * and mere punctuation are refused, each with its own message.
 */
export function checkPurpose(raw: unknown): { ok: true; purpose: string } | { ok: false; problem: PurposeProblem; message: string } {
  const untrimmed = typeof raw === 'string' ? raw : '';
  const problem = purposeProblem(untrimmed);
  return problem ? { ok: false, problem, message: purposeMessages[problem] } : { ok: true, purpose: untrimmed.trim() };
}

/** The checked purpose, or a validation error on the `purpose` field (catalog key `audit.purpose_problem.<problem>`). */
export function requirePurpose(raw: unknown): string {
  const checked = checkPurpose(raw);
  if (!checked.ok) {
    throw new AppError('validation_failed', `audit.purpose_problem.${checked.problem}`, { min: PURPOSE_MIN_LENGTH, max: PURPOSE_MAX_LENGTH }, [
      { field: 'purpose', message: checked.message },
    ]);
  }
  return checked.purpose;
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

/**
 * The entry recording a reading of the trail itself: auditors consult personal data too, so each view or export is
 * audited with its purpose, the filters asked for and the scope actually applied.
 */
export function auditReadingEntry(
  reader: { userId: string; agencyId: string },
  purpose: string,
  asked: AuditFilters,
  scope: 'all' | 'own_agency',
  what: 'view' | 'export',
  ip: string | null,
): AuditEntryInput {
  return {
    action: 'consult',
    userId: reader.userId,
    agencyId: reader.agencyId,
    objectType: 'audit_log',
    objectId: null,
    purpose,
    details: { what, scope, filters: JSON.stringify(asked) },
    ip,
  };
}
