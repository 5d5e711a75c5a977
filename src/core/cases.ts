/**
 * Case exchange: requests for assistance and information messages between agencies and countries, with the deadlines
 * of Directive (EU) 2023/977, handling codes that are enforced, the evaluation of source and information, and who may
 * see, answer, forward and close a case.
 */
import { z } from 'zod';
import { isKnownCountry } from './countries.ts';
import { AppError } from './errors.ts';
import type { Principal } from './principal.ts';

export const urgencies = ['urgent', 'standard', 'non_urgent'] as const;
export type Urgency = (typeof urgencies)[number];

/** The directive's time limits (Art. 5): urgent 8 hours, otherwise 3 days, or 7 days when not urgent. */
export const deadlineMs: Readonly<Record<Urgency, number>> = {
  urgent: 8 * 3600_000,
  standard: 3 * 86_400_000,
  non_urgent: 7 * 86_400_000,
};

export const deadlineOf = (openedAt: string, urgency: Urgency): string => new Date(Date.parse(openedAt) + deadlineMs[urgency]).toISOString();

/**
 * H0: law-enforcement use only. H1: not to be used in judicial proceedings without the originator's permission. H2: not
 * to be disseminated further without the originator's permission. H3: other restrictions, stated in text.
 */
export const handlingCodes = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof handlingCodes)[number];

/** Source: A reliable, B usually reliable, C not usually reliable, X cannot be assessed. */
export const sourceGrades = ['A', 'B', 'C', 'X'] as const;
/** Information: 1 known to be true, 2 known personally to the source, 3 not known personally but corroborated, 4 cannot be judged. */
export const informationGrades = ['1', '2', '3', '4'] as const;

export const caseKinds = ['request', 'information'] as const;
export type CaseKind = (typeof caseKinds)[number];

export const caseStatuses = ['open', 'answered', 'closed', 'refused'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Crime areas of the office's statistics (the EU policy cycle's priorities, plus a catch-all). */
export const crimeAreas = [
  'drugs',
  'firearms',
  'trafficking_human_beings',
  'migrant_smuggling',
  'cybercrime',
  'fraud',
  'money_laundering',
  'organised_property_crime',
  'terrorism',
  'violent_crime',
  'missing_persons',
  'environmental_crime',
  'other',
] as const;
export type CrimeArea = (typeof crimeAreas)[number];

const text = (max: number) => z.string().trim().max(max);
const country = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').refine(isKnownCountry, 'is not a known country');

/** A person, document or vehicle named in a case, as structured data the cross-check can compare. */
export const caseEntitySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('person'),
    familyName: text(200).min(1),
    forename: text(200).default(''),
    nameOriginal: text(300).nullable().default(null),
    dateOfBirth: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
      .nullable()
      .default(null),
    nationality: country.nullable().default(null),
  }),
  z.object({ type: z.literal('document'), kind: text(60).min(1), number: text(60).min(1), country: country.nullable().default(null) }),
  z.object({ type: z.literal('vehicle'), registration: text(20).min(1), country: country.nullable().default(null), description: text(300).default('') }),
]);
export type CaseEntity = z.output<typeof caseEntitySchema>;

/** One message's content: its text, handling and evaluation are the originator's and never change once sent. */
export const messageInputSchema = z
  .object({
    body: text(20_000).min(1),
    handlingCode: z.enum(handlingCodes),
    /** Required with H3: the restriction, in words. */
    restriction: text(1000).default(''),
    sourceGrade: z.enum(sourceGrades),
    informationGrade: z.enum(informationGrades),
  })
  .superRefine((m, ctx) => {
    if (m.handlingCode === 'H3' && m.restriction === '') ctx.addIssue({ code: 'custom', path: ['restriction'], message: 'cases.check.restriction_needed' });
  });
export type MessageInput = z.output<typeof messageInputSchema>;

export const caseInputSchema = z.object({
  kind: z.enum(caseKinds),
  subject: text(300).min(1),
  nationalReference: text(100).min(1),
  crimeArea: z.enum(crimeAreas),
  urgency: z.enum(urgencies),
  /** Agencies addressed; the office routes a case addressed to it alone. */
  recipientAgencyIds: z.array(z.string().regex(/^[0-9a-z]{26}$/)).min(1).max(20),
  entities: z.array(caseEntitySchema).max(50).default([]),
  linkedRequestIds: z.array(z.string().regex(/^[0-9a-z]{26}$/)).max(20).default([]),
  linkedCaseIds: z.array(z.string().regex(/^[0-9a-z]{26}$/)).max(20).default([]),
  message: messageInputSchema,
});

export type ParticipantRole = 'originator' | 'recipient' | 'forwarded';

export type CaseParticipant = {
  agencyId: string;
  role: ParticipantRole;
  addedAt: string;
  addedBy: string | null;
  /** The recipient agency's acknowledgement of receipt: who, and when. */
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};

export type ExchangeCase = {
  id: string;
  kind: CaseKind;
  subject: string;
  nationalReference: string;
  crimeArea: CrimeArea;
  urgency: Urgency;
  status: CaseStatus;
  originatorAgencyId: string;
  createdBy: string;
  openedAt: string;
  deadlineAt: string;
  answeredAt: string | null;
  closedAt: string | null;
  refusalReason: string | null;
  /** First retention review: six months after closing. */
  reviewAt: string | null;
  entities: CaseEntity[];
  participants: CaseParticipant[];
  linkedRequestIds: string[];
  linkedCaseIds: string[];
  isDemo: boolean;
};

export type CaseMessage = MessageInput & {
  id: string;
  caseId: string;
  authorUserId: string;
  authorAgencyId: string;
  replyTo: string | null;
  sentAt: string;
  /** Agencies the originator of an H1/H2 message permitted to use or receive it further, recorded with who and when. */
  permissions: { agencyId: string; grantedBy: string; grantedAt: string }[];
};

export type Receipt = { caseId: string; agencyId: string; userId: string; openedAt: string };

/** Whether the principal's agency takes part in the case (originator, recipient, forwarded to). */
export function participates(principal: Pick<Principal, 'agencyId'>, c: Pick<ExchangeCase, 'participants'>): boolean {
  return c.participants.some((p) => p.agencyId === principal.agencyId);
}

/** The office's liaison officers route and forward; they see every case so that none waits unrouted. */
export const isOfficeLiaison = (p: Pick<Principal, 'agencyIsOffice' | 'roles'>): boolean => p.agencyIsOffice && p.roles.includes('liaison');

/** Who may see a case at all: its participants and the office's liaison officers; anyone else is told it does not exist. */
export function assertCanSeeCase(principal: Principal, c: Pick<ExchangeCase, 'participants'>): void {
  if (!participates(principal, c) && !isOfficeLiaison(principal)) throw new AppError('not_found', 'error.detail.resource_not_found');
}

/** A case is overdue once its deadline passed without an answer while still open. */
export function isOverdue(c: Pick<ExchangeCase, 'status' | 'deadlineAt'>, now: Date): boolean {
  return c.status === 'open' && c.deadlineAt <= now.toISOString();
}

/** Whether the answer came within the deadline (null while unanswered). */
export function answeredInTime(c: Pick<ExchangeCase, 'answeredAt' | 'deadlineAt'>): boolean | null {
  return c.answeredAt === null ? null : c.answeredAt <= c.deadlineAt;
}

/**
 * Which messages stop a forward to `toAgencyId`: H2 information goes no further than the case's participants without
 * its originator's recorded permission for that agency. Messages of the receiving agency itself never stop it.
 */
export function forwardBlockers(messages: readonly CaseMessage[], toAgencyId: string): CaseMessage[] {
  return messages.filter((m) => m.handlingCode === 'H2' && m.authorAgencyId !== toAgencyId && !m.permissions.some((p) => p.agencyId === toAgencyId));
}

/** The restriction every export and print of a message carries, in English (the exchange's working language). */
export function handlingNotice(m: Pick<CaseMessage, 'handlingCode' | 'restriction'>): string {
  switch (m.handlingCode) {
    case 'H0':
      return 'H0: for law-enforcement use only.';
    case 'H1':
      return 'H1: not to be used in judicial proceedings without the permission of the originator.';
    case 'H2':
      return 'H2: not to be disseminated further without the permission of the originator.';
    case 'H3':
      return `H3: ${m.restriction}`;
  }
}

/** Retention: first review six months after closing; without an extension, data past it is erased. */
export const RETENTION_REVIEW_MONTHS = 6;

/** Six calendar months on, the day kept where the month has it (31 August is reviewed on 28 or 29 February). */
export function reviewDateAfter(closedAt: string): string {
  const d = new Date(closedAt);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + RETENTION_REVIEW_MONTHS);
  d.setUTCDate(Math.min(day, new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()));
  return d.toISOString();
}
