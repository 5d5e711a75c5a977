/** The case-exchange rules that need no storage: deadlines, overdue status, handling codes, input schemas, who sees a case, retention dates. */
import { describe, expect, it } from 'vitest';
import {
  answeredInTime,
  assertCanSeeCase,
  caseEntitySchema,
  deadlineOf,
  forwardBlockers,
  handlingCodes,
  handlingNotice,
  isOverdue,
  messageInputSchema,
  reviewDateAfter,
  type CaseMessage,
  type CaseParticipant,
  type HandlingCode,
} from './cases.ts';
import { AppError } from './errors.ts';
import type { Principal, Role } from './principal.ts';

const OPENED = '2026-03-02T09:15:00.000Z';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (base: string, deltaMs: number): string => new Date(Date.parse(base) + deltaMs).toISOString();

const ORIGINATOR = 'agency-de';
const RECIPIENT = 'agency-hr';
const COUNTERPART = 'agency-nl';
const ELSEWHERE = 'agency-ua';

function message(over: Partial<CaseMessage> = {}): CaseMessage {
  return {
    id: 'm1',
    caseId: 'c1',
    authorUserId: 'u1',
    authorAgencyId: ORIGINATOR,
    replyTo: null,
    sentAt: OPENED,
    body: 'The suspect crossed at Bregana on 1 March.',
    handlingCode: 'H2',
    restriction: '',
    sourceGrade: 'B',
    informationGrade: '2',
    permissions: [],
    ...over,
  };
}

const permission = (agencyId: string) => ({ agencyId, grantedBy: 'u1', grantedAt: OPENED });

function principal(agencyId: string, roles: Role[], agencyIsOffice = false): Principal {
  return {
    userId: `user-of-${agencyId}`,
    email: 'someone@agency.test',
    name: 'Some One',
    agencyId,
    agencyCode: agencyId.toUpperCase(),
    country: 'DE',
    agencyIsOffice,
    roles,
    via: 'session',
    readOnly: false,
    sessionId: null,
    apiKeyId: null,
  };
}

const participant = (agencyId: string, role: CaseParticipant['role']): CaseParticipant => ({
  agencyId,
  role,
  addedAt: OPENED,
  addedBy: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
});

describe('deadlineOf', () => {
  it('gives the directive time limits exactly: urgent 8 hours, standard 3 days, non-urgent 7 days', () => {
    expect(deadlineOf(OPENED, 'urgent')).toBe('2026-03-02T17:15:00.000Z');
    expect(deadlineOf(OPENED, 'standard')).toBe('2026-03-05T09:15:00.000Z');
    expect(deadlineOf(OPENED, 'non_urgent')).toBe('2026-03-09T09:15:00.000Z');
    expect(Date.parse(deadlineOf(OPENED, 'urgent')) - Date.parse(OPENED)).toBe(8 * HOUR);
    expect(Date.parse(deadlineOf(OPENED, 'standard')) - Date.parse(OPENED)).toBe(3 * DAY);
    expect(Date.parse(deadlineOf(OPENED, 'non_urgent')) - Date.parse(OPENED)).toBe(7 * DAY);
  });
});

describe('isOverdue', () => {
  const deadlineAt = deadlineOf(OPENED, 'urgent');

  it('turns overdue at the deadline instant, not a millisecond before', () => {
    expect(isOverdue({ status: 'open', deadlineAt }, new Date(Date.parse(deadlineAt) - 1))).toBe(false);
    expect(isOverdue({ status: 'open', deadlineAt }, new Date(deadlineAt))).toBe(true);
    expect(isOverdue({ status: 'open', deadlineAt }, new Date(Date.parse(deadlineAt) + DAY))).toBe(true);
  });

  it('never marks a case that is answered, closed or refused', () => {
    const late = new Date(Date.parse(deadlineAt) + 30 * DAY);
    for (const status of ['answered', 'closed', 'refused'] as const) expect(isOverdue({ status, deadlineAt }, late)).toBe(false);
  });
});

describe('answeredInTime', () => {
  const deadlineAt = deadlineOf(OPENED, 'standard');

  it('is null while unanswered, true up to the deadline instant, false after it', () => {
    expect(answeredInTime({ answeredAt: null, deadlineAt })).toBeNull();
    expect(answeredInTime({ answeredAt: at(deadlineAt, -1), deadlineAt })).toBe(true);
    expect(answeredInTime({ answeredAt: deadlineAt, deadlineAt })).toBe(true);
    expect(answeredInTime({ answeredAt: at(deadlineAt, 1), deadlineAt })).toBe(false);
  });
});

describe('forwardBlockers', () => {
  it('stops a forward for an H2 message without any permission', () => {
    const m = message();
    expect(forwardBlockers([m], COUNTERPART)).toEqual([m]);
  });

  it('lets it through once the originator permitted that very agency', () => {
    expect(forwardBlockers([message({ permissions: [permission(COUNTERPART)] })], COUNTERPART)).toEqual([]);
  });

  it('still stops it when the permission names another agency', () => {
    const m = message({ permissions: [permission(ELSEWHERE)] });
    expect(forwardBlockers([m], COUNTERPART)).toEqual([m]);
  });

  it('never stops it for H0, H1 or H3 messages', () => {
    const others = (['H0', 'H1', 'H3'] as const).map((handlingCode, i) => message({ id: `m${i}`, handlingCode, restriction: handlingCode === 'H3' ? 'Not for the press' : '' }));
    expect(forwardBlockers(others, COUNTERPART)).toEqual([]);
  });

  it('does not stop a forward to the agency that wrote the H2 message itself', () => {
    expect(forwardBlockers([message({ authorAgencyId: COUNTERPART })], COUNTERPART)).toEqual([]);
  });

  it('names only the blocking messages among several', () => {
    const blocking = message({ id: 'h2-recipient', authorAgencyId: RECIPIENT });
    const permitted = message({ id: 'h2-permitted', permissions: [permission(COUNTERPART)] });
    const plain = message({ id: 'h0', handlingCode: 'H0' });
    expect(forwardBlockers([plain, permitted, blocking], COUNTERPART).map((m) => m.id)).toEqual(['h2-recipient']);
  });
});

describe('handlingNotice', () => {
  const expected: Record<HandlingCode, string> = {
    H0: 'H0: for law-enforcement use only.',
    H1: 'H1: not to be used in judicial proceedings without the permission of the originator.',
    H2: 'H2: not to be disseminated further without the permission of the originator.',
    H3: 'H3: Not to be shared with the customs service',
  };

  it.each(handlingCodes)('gives the restriction of %s, H3 with its own words', (code) => {
    expect(handlingNotice({ handlingCode: code, restriction: code === 'H3' ? 'Not to be shared with the customs service' : '' })).toBe(expected[code]);
  });
});

describe('messageInputSchema', () => {
  const base = { body: 'Vehicle seen at the border.', handlingCode: 'H3', sourceGrade: 'A', informationGrade: '1' };

  it('refuses an H3 message without its restriction, naming the field', () => {
    const parsed = messageInputSchema.safeParse(base);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['restriction', 'cases.check.restriction_needed']]);
    expect(messageInputSchema.safeParse({ ...base, restriction: '   ' }).success).toBe(false);
  });

  it('accepts H3 with a restriction, and H0–H2 without one', () => {
    expect(messageInputSchema.parse({ ...base, restriction: 'Only for the joint team' }).restriction).toBe('Only for the joint team');
    for (const handlingCode of ['H0', 'H1', 'H2']) expect(messageInputSchema.parse({ ...base, handlingCode }).restriction).toBe('');
  });

  it('refuses unknown handling codes and evaluation grades, and an empty body', () => {
    expect(messageInputSchema.safeParse({ ...base, handlingCode: 'H4', restriction: 'x' }).success).toBe(false);
    expect(messageInputSchema.safeParse({ ...base, restriction: 'x', sourceGrade: 'D' }).success).toBe(false);
    expect(messageInputSchema.safeParse({ ...base, restriction: 'x', informationGrade: '5' }).success).toBe(false);
    expect(messageInputSchema.safeParse({ ...base, restriction: 'x', body: '  ' }).success).toBe(false);
  });
});

describe('caseEntitySchema', () => {
  it('accepts a person with defaults filled in, and partial dates of birth', () => {
    expect(caseEntitySchema.parse({ type: 'person', familyName: 'Шевченко' })).toEqual({
      type: 'person',
      familyName: 'Шевченко',
      forename: '',
      nameOriginal: null,
      dateOfBirth: null,
      nationality: null,
    });
    for (const dateOfBirth of ['1979', '1979-03', '1979-03-09']) expect(caseEntitySchema.safeParse({ type: 'person', familyName: 'Horvat', dateOfBirth }).success).toBe(true);
  });

  it('refuses a person without a family name, a malformed date or an unknown nationality', () => {
    expect(caseEntitySchema.safeParse({ type: 'person', familyName: '' }).success).toBe(false);
    expect(caseEntitySchema.safeParse({ type: 'person', familyName: 'Horvat', dateOfBirth: '09/03/1979' }).success).toBe(false);
    expect(caseEntitySchema.safeParse({ type: 'person', familyName: 'Horvat', nationality: 'XX' }).success).toBe(false);
    expect(caseEntitySchema.safeParse({ type: 'person', familyName: 'Horvat', nationality: 'hr' }).success).toBe(false);
  });

  it('accepts documents and vehicles with their required fields, and refuses them without', () => {
    expect(caseEntitySchema.parse({ type: 'document', kind: 'passport', number: 'HR1234567', country: 'HR' })).toEqual({ type: 'document', kind: 'passport', number: 'HR1234567', country: 'HR' });
    expect(caseEntitySchema.parse({ type: 'vehicle', registration: 'ZG-1234-AB' })).toEqual({ type: 'vehicle', registration: 'ZG-1234-AB', country: null, description: '' });
    expect(caseEntitySchema.safeParse({ type: 'document', kind: 'passport', number: '' }).success).toBe(false);
    expect(caseEntitySchema.safeParse({ type: 'vehicle', registration: '' }).success).toBe(false);
    expect(caseEntitySchema.safeParse({ type: 'boat', name: 'Vera' }).success).toBe(false);
  });
});

describe('assertCanSeeCase', () => {
  const c = { participants: [participant(ORIGINATOR, 'originator'), participant(RECIPIENT, 'recipient')] };
  const notFound = (p: Principal): string => {
    try {
      assertCanSeeCase(p, c);
      return 'seen';
    } catch (e) {
      return e instanceof AppError ? `${e.code} ${e.key}` : 'other';
    }
  };

  it('lets participants and the office liaison officers see the case', () => {
    expect(notFound(principal(ORIGINATOR, ['officer']))).toBe('seen');
    expect(notFound(principal(RECIPIENT, ['officer']))).toBe('seen');
    expect(notFound(principal('office', ['liaison'], true))).toBe('seen');
  });

  it('tells anyone else, the office reviewers and a liaison of another agency included, that it does not exist', () => {
    expect(notFound(principal('office', ['reviewer', 'officer'], true))).toBe('not_found error.detail.resource_not_found');
    expect(notFound(principal(COUNTERPART, ['officer']))).toBe('not_found error.detail.resource_not_found');
    expect(notFound(principal(COUNTERPART, ['liaison']))).toBe('not_found error.detail.resource_not_found');
  });
});

describe('reviewDateAfter', () => {
  it('is six calendar months after closing, to the millisecond', () => {
    expect(reviewDateAfter('2026-01-15T10:30:00.250Z')).toBe('2026-07-15T10:30:00.250Z');
    expect(reviewDateAfter('2026-09-01T00:00:00.000Z')).toBe('2027-03-01T00:00:00.000Z');
  });

  it('never runs past six months at a month end: the last day of the shorter month', () => {
    expect(reviewDateAfter('2026-08-31T12:00:00.000Z')).toBe('2027-02-28T12:00:00.000Z');
    expect(reviewDateAfter('2027-08-31T12:00:00.000Z')).toBe('2028-02-29T12:00:00.000Z');
    expect(reviewDateAfter('2026-12-31T23:59:59.999Z')).toBe('2027-06-30T23:59:59.999Z');
  });
});
