/**
 * Notice requests: what an agency asks the office to circulate, the states a request goes through, who may move it,
 * the checks before review, the reviewer's checklist and the public extract the requesting country consents to.
 */
import { z } from 'zod';
import { isKnownCountry } from './countries.ts';
import { isCrimeCategory } from './crime-categories.ts';
import { AppError, type FieldIssue } from './errors.ts';
import { noticeKinds, partialDate, sexes, type NoticeInput } from './notices.ts';
import type { Principal } from './principal.ts';

export const requestStatuses = [
  'draft',
  'submitted',
  'changes_requested',
  'refused',
  'published',
  'update_draft',
  'update_submitted',
  'update_changes_requested',
  'renewal_submitted',
  'withdrawn',
  'expired',
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const requestActions = [
  'edit',
  'submit',
  'approve',
  'request_changes',
  'refuse',
  'withdraw',
  'start_update',
  'discard_update',
  'request_renewal',
  'expire',
] as const;
export type RequestAction = (typeof requestActions)[number];

/**
 * Every allowed move; a pair absent here is refused. A published notice keeps circulating while an update or a renewal
 * is prepared and reviewed (the `update_*` and `renewal_submitted` states), so the public never sees unreviewed data
 * and never loses a notice because its next version is being checked.
 */
const transitions: Readonly<Record<RequestStatus, Partial<Record<RequestAction, RequestStatus>>>> = {
  draft: { edit: 'draft', submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { approve: 'published', request_changes: 'changes_requested', refuse: 'refused', withdraw: 'withdrawn' },
  changes_requested: { edit: 'changes_requested', submit: 'submitted', withdraw: 'withdrawn' },
  refused: {},
  published: { start_update: 'update_draft', request_renewal: 'renewal_submitted', withdraw: 'withdrawn', expire: 'expired' },
  update_draft: { edit: 'update_draft', submit: 'update_submitted', discard_update: 'published', withdraw: 'withdrawn', expire: 'expired' },
  update_submitted: {
    approve: 'published',
    request_changes: 'update_changes_requested',
    refuse: 'published',
    withdraw: 'withdrawn',
    expire: 'expired',
  },
  update_changes_requested: {
    edit: 'update_changes_requested',
    submit: 'update_submitted',
    discard_update: 'published',
    withdraw: 'withdrawn',
    expire: 'expired',
  },
  renewal_submitted: { approve: 'published', refuse: 'published', withdraw: 'withdrawn', expire: 'expired' },
  withdrawn: {},
  expired: {},
};

export function nextStatus(status: RequestStatus, action: RequestAction): RequestStatus | undefined {
  return transitions[status][action];
}

/** States in which the notice circulates: visible to every agency in the portal, and publicly where consented. */
export const liveStatuses: ReadonlySet<RequestStatus> = new Set<RequestStatus>([
  'published',
  'update_draft',
  'update_submitted',
  'update_changes_requested',
  'renewal_submitted',
]);
/** States waiting for a reviewer of the office. */
export const reviewStatuses: ReadonlySet<RequestStatus> = new Set<RequestStatus>(['submitted', 'update_submitted', 'renewal_submitted']);
/** States in which the requesting agency edits its working copy. */
export const editableStatuses: ReadonlySet<RequestStatus> = new Set<RequestStatus>(['draft', 'changes_requested', 'update_draft', 'update_changes_requested']);
/** States that never change again. */
export const finalStatuses: ReadonlySet<RequestStatus> = new Set<RequestStatus>(['refused', 'withdrawn', 'expired']);

/** Who may take an action: the requesting agency's officers, the office's reviewers, either, or the clock. */
export type ActionActor = 'agency' | 'reviewer' | 'agency_or_office' | 'system';

export const actionActors: Readonly<Record<RequestAction, ActionActor>> = {
  edit: 'agency',
  submit: 'agency',
  start_update: 'agency',
  discard_update: 'agency',
  request_renewal: 'agency',
  approve: 'reviewer',
  request_changes: 'reviewer',
  refuse: 'reviewer',
  withdraw: 'agency_or_office',
  expire: 'system',
};

/** A notice circulates for five years from the approval that published or renewed it. */
export const VALIDITY_YEARS = 5;
/** The requesting agency is reminded, and may ask for renewal, in the six months before expiry. */
export const RENEWAL_WINDOW_MONTHS = 6;

const addMonths = (iso: string, months: number): string => {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  // 29 February plus a year ends on 28 February, not 1 March.
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
};

export const expiryAfter = (approvedAt: string): string => addMonths(approvedAt, VALIDITY_YEARS * 12);
export const renewalOpensAt = (expiresAt: string): string => addMonths(expiresAt, -RENEWAL_WINDOW_MONTHS);

/** Whether the agency should be reminded that the notice expires soon (and may ask for renewal). */
export function isExpiringSoon(status: RequestStatus, expiresAt: string | null, now: Date): boolean {
  return liveStatuses.has(status) && expiresAt !== null && renewalOpensAt(expiresAt) <= now.toISOString() && now.toISOString() < expiresAt;
}

/** The facts of a request the rules look at when deciding a move. */
export type RequestPosition = {
  status: RequestStatus;
  agencyId: string;
  expiresAt: string | null;
  /** Everyone who edited or submitted the version under review: none of them may review it. */
  contributors: readonly string[];
};

export type Actor = { kind: 'user'; principal: Principal } | { kind: 'system' };

const refuse = (key: string, values: Record<string, string> = {}): never => {
  throw new AppError('conflict', key, values);
};

/**
 * Decides a move or throws. A principal of another agency gets "not found" for an agency-only move on a request that
 * does not circulate, so guessed ids reveal nothing; every other refusal says why.
 */
export function decideTransition(position: RequestPosition, action: RequestAction, actor: Actor, now: Date): RequestStatus {
  const who = actionActors[action];
  if (actor.kind === 'system') {
    if (who !== 'system') refuse('notice_request.error.not_yours');
  } else {
    const p = actor.principal;
    const ownAgency = p.agencyId === position.agencyId;
    const reviewer = p.agencyIsOffice && p.roles.includes('reviewer') && !p.readOnly;
    const officer = ownAgency && p.roles.includes('officer') && !p.readOnly;
    if (!ownAgency && !reviewer && !liveStatuses.has(position.status)) throw new AppError('not_found', 'error.detail.resource_not_found');
    if (who === 'system') refuse('notice_request.error.not_yours');
    if (who === 'agency' && !officer) refuse('notice_request.error.agency_only');
    if (who === 'reviewer' && !reviewer) refuse('notice_request.error.reviewer_only');
    if (who === 'agency_or_office' && !officer && !reviewer) refuse('notice_request.error.not_yours');
    if (who === 'reviewer' && position.contributors.includes(p.userId)) refuse('notice_request.error.four_eyes');
  }
  const next = nextStatus(position.status, action);
  if (next === undefined) return refuse('notice_request.error.transition', { status: position.status, action });
  if (action === 'request_renewal') {
    if (position.expiresAt === null || renewalOpensAt(position.expiresAt) > now.toISOString())
      refuse('notice_request.error.renewal_not_yet', { opens: position.expiresAt ? renewalOpensAt(position.expiresAt).slice(0, 10) : '' });
  }
  if (action === 'expire' && (position.expiresAt === null || position.expiresAt > now.toISOString())) refuse('notice_request.error.not_expired');
  return next;
}

// ---------------------------------------------------------------------------------------------------------------
// The request's facts

const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').refine(isKnownCountry, 'is not a known country');
const language = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter language code (ISO 639-2)');
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

export const documentKinds = ['passport', 'identity_card', 'driving_licence', 'other'] as const;

export const warrantSchema = z.object({
  issuingCountry: country,
  charge: text(2000),
  chargeTranslation: optionalText(2000),
  crimeCategory: z.string().max(64).refine(isCrimeCategory, 'is not an offence category of the list').nullable().default(null),
  legalReference: optionalText(300),
  warrantDate: partialDate.nullable().default(null),
  warrantAuthority: optionalText(300),
});

/** Fields the requesting country may consent to show in the public extract, beyond the name, sex and kind. */
export const publicFields = [
  'photos',
  'nameOriginal',
  'aliases',
  'dateOfBirth',
  'placeOfBirth',
  'nationalities',
  'physical',
  'distinguishingMarks',
  'languages',
  'parents',
  'disappearance',
] as const;
export type PublicField = (typeof publicFields)[number];

/**
 * A request's facts as kept while it is drafted: every field may still be empty, so a half-finished form is saved as
 * it is; `submissionProblems` holds the rules a request must meet before the office sees it.
 */
export const requestFactsSchema = z.object({
  kind: z.enum(noticeKinds),
  nationalReference: text(100).default(''),
  familyName: text(200).default(''),
  forename: text(200).default(''),
  nameOriginal: optionalText(300),
  aliases: z.array(z.object({ familyName: text(200), forename: text(200).default('') })).max(50).default([]),
  sex: z.enum(sexes).default('U'),
  dateOfBirth: partialDate.nullable().default(null),
  placeOfBirth: optionalText(300),
  countryOfBirth: country.nullable().default(null),
  nationalities: z.array(country).max(10).default([]),
  languages: z.array(language).max(20).default([]),
  heightM: z.number().min(0.3).max(2.6).nullable().default(null),
  weightKg: z.number().min(1).max(400).nullable().default(null),
  eyeColors: z.array(z.string().max(20)).max(5).default([]),
  hairColors: z.array(z.string().max(20)).max(5).default([]),
  distinguishingMarks: optionalText(2000),
  fatherName: optionalText(200),
  fatherForename: optionalText(200),
  motherName: optionalText(200),
  motherForename: optionalText(200),
  birthName: optionalText(200),
  documents: z
    .array(z.object({ kind: z.enum(documentKinds), number: text(60), country: country.nullable().default(null) }))
    .max(10)
    .default([]),
  warrants: z.array(warrantSchema).max(50).default([]),
  armedOrDangerous: z.boolean().default(false),
  disappearance: z
    .object({
      date: partialDate.nullable().default(null),
      place: optionalText(300),
      country: country.nullable().default(null),
      circumstances: optionalText(4000),
      countriesLikelyToBeVisited: z.array(country).max(20).default([]),
    })
    .nullable()
    .default(null),
  publicExtract: z
    .object({ consent: z.boolean().default(false), fields: z.array(z.enum(publicFields)).max(publicFields.length).default([]) })
    .default({ consent: false, fields: [] }),
});
export type RequestFacts = z.output<typeof requestFactsSchema>;
export type RequestFactsInput = z.input<typeof requestFactsSchema>;

/** Reads stored or submitted facts, reporting each bad field by its path. */
export function parseRequestFacts(value: unknown): { ok: true; facts: RequestFacts } | { ok: false; issues: FieldIssue[] } {
  const parsed = requestFactsSchema.safeParse(value);
  if (parsed.success) return { ok: true, facts: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'facts', message: i.message })) };
}

/** Latest day a partial date allows, for comparing dates known to different precision. */
const latest = (d: string): string => (d.length === 4 ? `${d}-12-31` : d.length === 7 ? `${d}-31` : d);

/**
 * The rules a request must meet before review: enough to identify the person (a name and a date of birth, a photo or
 * an identity document), the parts its kind needs, and dates that agree with each other and with today.
 */
export function submissionProblems(f: RequestFacts, ctx: { photoCount: number; today: Date }): FieldIssue[] {
  const out: FieldIssue[] = [];
  const today = ctx.today.toISOString().slice(0, 10);
  if (f.familyName === '') out.push({ field: 'familyName', message: 'notice_request.check.family_name_missing' });
  if (f.nationalReference === '') out.push({ field: 'nationalReference', message: 'notice_request.check.reference_missing' });
  if (f.dateOfBirth === null && ctx.photoCount === 0 && f.documents.length === 0)
    out.push({ field: 'dateOfBirth', message: 'notice_request.check.identifiers_missing' });
  if (f.dateOfBirth !== null && f.dateOfBirth > today) out.push({ field: 'dateOfBirth', message: 'notice_request.check.birth_in_future' });
  if (f.kind === 'wanted') {
    if (f.warrants.length === 0) out.push({ field: 'warrants', message: 'notice_request.check.warrant_missing' });
    f.warrants.forEach((w, i) => {
      if (w.charge === '') out.push({ field: `warrants.${i}.charge`, message: 'notice_request.check.charge_missing' });
      if (w.crimeCategory === null) out.push({ field: `warrants.${i}.crimeCategory`, message: 'notice_request.check.category_missing' });
      if (w.warrantDate === null) out.push({ field: `warrants.${i}.warrantDate`, message: 'notice_request.check.warrant_date_missing' });
      else if (w.warrantDate > today) out.push({ field: `warrants.${i}.warrantDate`, message: 'notice_request.check.warrant_in_future' });
      else if (f.dateOfBirth !== null && latest(w.warrantDate) < f.dateOfBirth)
        out.push({ field: `warrants.${i}.warrantDate`, message: 'notice_request.check.warrant_before_birth' });
      if (w.warrantAuthority === null) out.push({ field: `warrants.${i}.warrantAuthority`, message: 'notice_request.check.authority_missing' });
    });
    if (f.disappearance !== null) out.push({ field: 'disappearance', message: 'notice_request.check.wanted_disappearance' });
  } else {
    const d = f.disappearance;
    if (f.warrants.length > 0) out.push({ field: 'warrants', message: 'notice_request.check.missing_warrants' });
    if (d === null || d.date === null) out.push({ field: 'disappearance.date', message: 'notice_request.check.disappearance_date_missing' });
    else {
      if (d.date > today) out.push({ field: 'disappearance.date', message: 'notice_request.check.disappearance_in_future' });
      if (f.dateOfBirth !== null && latest(d.date) < f.dateOfBirth)
        out.push({ field: 'disappearance.date', message: 'notice_request.check.disappearance_before_birth' });
    }
    if (d === null || d.country === null) out.push({ field: 'disappearance.country', message: 'notice_request.check.disappearance_country_missing' });
  }
  if (f.publicExtract.consent === false && f.publicExtract.fields.length > 0)
    out.push({ field: 'publicExtract.fields', message: 'notice_request.check.fields_without_consent' });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Review

/** The office's checklist: every item must be confirmed to approve; a refusal or a request for changes names the failing ones. */
export const checklistItems = ['neutral_character', 'human_rights', 'data_quality', 'serious_offence'] as const;
export type ChecklistItem = (typeof checklistItems)[number];
export type Checklist = Record<ChecklistItem, boolean>;

export const reviewDecisions = ['approve', 'request_changes', 'refuse'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

/** Checks a review before it is recorded: approval needs every item confirmed; the other two need a comment. */
export function reviewProblems(decision: ReviewDecision, checklist: Checklist, comment: string, kind: 'wanted' | 'missing'): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (decision === 'approve') {
    for (const item of checklistItems) {
      // The seriousness of an offence has no meaning for a missing person.
      if (item === 'serious_offence' && kind === 'missing') continue;
      if (!checklist[item]) out.push({ field: `checklist.${item}`, message: 'notice_request.review.item_unconfirmed' });
    }
  } else if (comment.trim() === '') {
    out.push({ field: 'comment', message: 'notice_request.review.comment_needed' });
  }
  return out;
}

export const withdrawalReasons = ['found', 'arrested', 'warrant_cancelled', 'error', 'other'] as const;
export type WithdrawalReason = (typeof withdrawalReasons)[number];

// ---------------------------------------------------------------------------------------------------------------
// Publication

/**
 * The public extract: the name, sex, kind, requesting country and (for a wanted person) what they are wanted for are
 * always shown, since a public notice without them helps nobody; every other part only where the requesting country
 * consented. Warrant details (legal reference, date, authority), identity documents and the armed-or-dangerous flag
 * stay in the portal.
 */
export function publicExtractOf(f: RequestFacts, issuingCountry: string, isDemo: boolean): NoticeInput {
  const shown = new Set<PublicField>(f.publicExtract.fields);
  const has = (field: PublicField): boolean => shown.has(field);
  return {
    kind: f.kind,
    familyName: f.familyName,
    forename: f.forename,
    nameOriginal: has('nameOriginal') ? f.nameOriginal : null,
    aliases: has('aliases') ? f.aliases.filter((a) => a.familyName !== '') : [],
    sex: f.sex,
    dateOfBirth: has('dateOfBirth') ? f.dateOfBirth : null,
    placeOfBirth: has('placeOfBirth') ? f.placeOfBirth : null,
    countryOfBirth: has('placeOfBirth') ? f.countryOfBirth : null,
    nationalities: has('nationalities') ? f.nationalities : [],
    heightM: has('physical') ? f.heightM : null,
    weightKg: has('physical') ? f.weightKg : null,
    eyeColors: has('physical') ? f.eyeColors : [],
    hairColors: has('physical') ? f.hairColors : [],
    languages: has('languages') ? f.languages : [],
    distinguishingMarks: has('distinguishingMarks') ? f.distinguishingMarks : null,
    charges:
      f.kind === 'wanted'
        ? f.warrants.map((w) => ({ issuingCountry: w.issuingCountry, charge: w.charge, chargeTranslation: w.chargeTranslation, crimeCategory: w.crimeCategory }))
        : [],
    disappearance:
      f.kind === 'missing' && has('disappearance') && f.disappearance
        ? {
            date: f.disappearance.date,
            place: f.disappearance.place,
            circumstances: f.disappearance.circumstances,
            country: f.disappearance.country,
            countriesLikelyToBeVisited: f.disappearance.countriesLikelyToBeVisited,
          }
        : null,
    issuingCountry,
    fatherName: has('parents') ? f.fatherName : null,
    fatherForename: has('parents') ? f.fatherForename : null,
    motherName: has('parents') ? f.motherName : null,
    motherForename: has('parents') ? f.motherForename : null,
    birthName: has('aliases') ? f.birthName : null,
    isDemo,
  };
}

/** Names of the person as the matching engine compares them: the name, the original script, aliases and birth name. */
export function namesOf(f: Pick<RequestFacts, 'familyName' | 'forename' | 'nameOriginal' | 'aliases' | 'birthName'>): string[] {
  const names = [`${f.forename} ${f.familyName}`.trim()];
  if (f.nameOriginal) names.push(f.nameOriginal);
  for (const a of f.aliases) names.push(`${a.forename} ${a.familyName}`.trim());
  if (f.birthName) names.push(`${f.forename} ${f.birthName}`.trim());
  return names.filter((n) => n !== '');
}

// ---------------------------------------------------------------------------------------------------------------
// Versions

export type FactChange = { field: string; before: string; after: string };

const shownValue = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** What changed between two versions, field by field (top-level fields; lists and groups compared whole). */
export function diffFacts(before: RequestFacts, after: RequestFacts): FactChange[] {
  const out: FactChange[] = [];
  for (const key of Object.keys(after) as (keyof RequestFacts)[]) {
    const a = shownValue(before[key]);
    const b = shownValue(after[key]);
    if (a !== b) out.push({ field: key, before: a, after: b });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Stored shapes

export type NoticeRequest = {
  id: string;
  agencyId: string;
  kind: 'wanted' | 'missing';
  status: RequestStatus;
  facts: RequestFacts;
  /** Number of the last submitted version (0 before the first submission). */
  version: number;
  publishedVersion: number | null;
  contributors: string[];
  noticeId: string | null;
  reference: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  expiresAt: string | null;
  withdrawalReason: WithdrawalReason | null;
  withdrawalNote: string | null;
  isDemo: boolean;
};

export type VersionOccasion = 'request' | 'update' | 'renewal';

export type RequestVersion = {
  requestId: string;
  version: number;
  facts: RequestFacts;
  photoIds: string[];
  contributors: string[];
  occasion: VersionOccasion;
  submittedBy: string;
  submittedAt: string;
  decision: ReviewDecision | null;
  decidedBy: string | null;
  decidedAt: string | null;
};

export type RequestEvent = {
  id: string;
  requestId: string;
  version: number;
  at: string;
  actorUserId: string | null;
  actorAgencyId: string | null;
  action: RequestAction | 'create' | 'photo_added' | 'photo_removed' | 'remind_expiry';
  status: RequestStatus;
  comment: string | null;
  details: Record<string, unknown>;
};

export type StoredPhotoSize = { key: string; width: number; height: number };

export type RequestPhoto = {
  id: string;
  requestId: string;
  position: number;
  width: number;
  height: number;
  sizes: Record<string, StoredPhotoSize>;
  removedAt: string | null;
  createdBy: string;
  createdAt: string;
};
