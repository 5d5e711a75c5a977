/**
 * The notice-request rules without a database: the state machine against a table written out by hand for every
 * status and action, who may take each move, renewal and expiry dates, submission and review checks, the public
 * extract and version differences.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import {
  actionActors,
  checklistItems,
  decideTransition,
  diffFacts,
  expiryAfter,
  isExpiringSoon,
  nextStatus,
  publicExtractOf,
  publicFields,
  renewalOpensAt,
  requestActions,
  requestFactsSchema,
  requestStatuses,
  reviewProblems,
  submissionProblems,
  type Actor,
  type Checklist,
  type RequestAction,
  type RequestFacts,
  type RequestFactsInput,
  type RequestPosition,
  type RequestStatus,
} from './notice-requests.ts';
import type { Principal, Role } from './principal.ts';

const NOW = new Date('2026-06-15T12:00:00.000Z');

// ---------------------------------------------------------------------------------------------------------------
// The expected state machine, from the issue: one row per status, one column per action, '-' where refused.

const columns = ['edit', 'submit', 'approve', 'request_changes', 'refuse', 'withdraw', 'start_update', 'discard_update', 'request_renewal', 'expire'] as const;
type Cell = RequestStatus | '-';
const EXPECTED: Record<RequestStatus, readonly Cell[]> = {
  //                           edit                        submit              approve      request_changes              refuse       withdraw     start_update    discard_update  request_renewal      expire
  draft:                     ['draft',                    'submitted',        '-',         '-',                         '-',         'withdrawn', '-',            '-',            '-',                 '-'],
  submitted:                 ['-',                        '-',                'published', 'changes_requested',         'refused',   'withdrawn', '-',            '-',            '-',                 '-'],
  changes_requested:         ['changes_requested',        'submitted',        '-',         '-',                         '-',         'withdrawn', '-',            '-',            '-',                 '-'],
  refused:                   ['-',                        '-',                '-',         '-',                         '-',         '-',         '-',            '-',            '-',                 '-'],
  published:                 ['-',                        '-',                '-',         '-',                         '-',         'withdrawn', 'update_draft', '-',            'renewal_submitted', 'expired'],
  update_draft:              ['update_draft',             'update_submitted', '-',         '-',                         '-',         'withdrawn', '-',            'published',    '-',                 'expired'],
  // A refused update leaves the published version circulating.
  update_submitted:          ['-',                        '-',                'published', 'update_changes_requested',  'published', 'withdrawn', '-',            '-',            '-',                 'expired'],
  update_changes_requested:  ['update_changes_requested', 'update_submitted', '-',         '-',                         '-',         'withdrawn', '-',            'published',    '-',                 'expired'],
  // A refused renewal leaves the notice circulating until it expires.
  renewal_submitted:         ['-',                        '-',                'published', '-',                         'published', 'withdrawn', '-',            '-',            '-',                 'expired'],
  withdrawn:                 ['-',                        '-',                '-',         '-',                         '-',         '-',         '-',            '-',            '-',                 '-'],
  expired:                   ['-',                        '-',                '-',         '-',                         '-',         '-',         '-',            '-',            '-',                 '-'],
};
const expected = (s: RequestStatus, a: RequestAction): RequestStatus | undefined => {
  const cell = EXPECTED[s][columns.indexOf(a as (typeof columns)[number])];
  return cell === '-' ? undefined : cell;
};

const OWNER = { id: 'agency-de', country: 'DE' };
const OTHER = { id: 'agency-hr', country: 'HR' };
const OFFICE = { id: 'agency-office', country: 'FR' };

function principal(userId: string, agency: { id: string; country: string }, roles: Role[], opts: { office?: boolean; readOnly?: boolean } = {}): Principal {
  return {
    userId,
    email: `${userId}@agency.test`,
    name: userId,
    agencyId: agency.id,
    agencyCode: agency.id.toUpperCase(),
    country: agency.country,
    agencyIsOffice: opts.office ?? false,
    roles,
    via: opts.readOnly ? 'apikey' : 'session',
    readOnly: opts.readOnly ?? false,
    sessionId: null,
    apiKeyId: null,
  };
}

const officer = principal('officer-1', OWNER, ['officer']);
const otherOfficer = principal('officer-2', OTHER, ['officer']);
const reviewer = principal('reviewer-1', OFFICE, ['reviewer'], { office: true });
const secondReviewer = principal('reviewer-2', OFFICE, ['reviewer'], { office: true });
const readOnlyOfficer = principal('officer-1', OWNER, ['officer'], { readOnly: true });
const readOnlyReviewer = principal('reviewer-1', OFFICE, ['reviewer'], { office: true, readOnly: true });
/** A reviewer role outside the office grants nothing. */
const agencyReviewer = principal('reviewer-3', OTHER, ['reviewer']);
const system: Actor = { kind: 'system' };
const as = (p: Principal): Actor => ({ kind: 'user', principal: p });

const position = (status: RequestStatus, over: Partial<RequestPosition> = {}): RequestPosition => ({
  status,
  agencyId: OWNER.id,
  // Expiring right now: the renewal window is open and the notice may be expired, so only the table decides.
  expiresAt: NOW.toISOString(),
  contributors: [officer.userId],
  ...over,
});

/** The actor each action is meant for. */
const rightActor = (a: RequestAction): Actor => {
  const who = actionActors[a];
  return who === 'system' ? system : who === 'reviewer' ? as(reviewer) : as(officer);
};

/** The decision as `next status` or `code key` of the refusal. */
function decision(pos: RequestPosition, action: RequestAction, actor: Actor, now: Date = NOW): string {
  try {
    return decideTransition(pos, action, actor, now);
  } catch (e) {
    if (e instanceof AppError) return `${e.code} ${e.key}`;
    throw e;
  }
}

describe('the state machine', () => {
  it('has a row for every status and a column for every action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...requestStatuses].sort());
    expect([...columns].sort()).toEqual([...requestActions].sort());
    for (const row of Object.values(EXPECTED)) expect(row).toHaveLength(requestActions.length);
  });

  const pairs = requestStatuses.flatMap((s) => requestActions.map((a) => [s, a] as const));
  it.each(pairs)('%s × %s', (status, action) => {
    const want = expected(status, action);
    expect(nextStatus(status, action)).toBe(want);
    expect(decision(position(status), action, rightActor(action))).toBe(want ?? 'conflict notice_request.error.transition');
  });

  it('covers all 110 pairs, allowing exactly the table’s moves', () => {
    expect(pairs).toHaveLength(110);
    expect(pairs.filter(([s, a]) => nextStatus(s, a) !== undefined)).toHaveLength(pairs.filter(([s, a]) => expected(s, a) !== undefined).length);
  });
});

describe('who may move a request', () => {
  it('lets the owning agency’s officer edit and submit, and no one else', () => {
    expect(decision(position('draft'), 'edit', as(officer))).toBe('draft');
    expect(decision(position('draft'), 'submit', as(officer))).toBe('submitted');
    expect(decision(position('draft'), 'edit', as(reviewer))).toBe('conflict notice_request.error.agency_only');
    expect(decision(position('draft'), 'edit', as(readOnlyOfficer))).toBe('conflict notice_request.error.agency_only');
    expect(decision(position('draft'), 'edit', system)).toBe('conflict notice_request.error.not_yours');
  });

  it('answers "not found" to another agency for a request that does not circulate, and refuses it on one that does', () => {
    for (const status of ['draft', 'submitted', 'changes_requested', 'refused', 'withdrawn', 'expired'] as const)
      expect(decision(position(status), 'withdraw', as(otherOfficer))).toBe('not_found error.detail.resource_not_found');
    expect(decision(position('draft'), 'edit', as(otherOfficer))).toBe('not_found error.detail.resource_not_found');
    expect(decision(position('published'), 'start_update', as(otherOfficer))).toBe('conflict notice_request.error.agency_only');
    expect(decision(position('published'), 'withdraw', as(otherOfficer))).toBe('conflict notice_request.error.not_yours');
    expect(decision(position('published'), 'request_renewal', as(otherOfficer))).toBe('conflict notice_request.error.agency_only');
  });

  it('lets only the office’s reviewers decide, never officers, read-only keys or reviewers outside the office', () => {
    expect(decision(position('submitted'), 'approve', as(reviewer))).toBe('published');
    expect(decision(position('submitted'), 'approve', as(officer))).toBe('conflict notice_request.error.reviewer_only');
    expect(decision(position('submitted'), 'approve', as(agencyReviewer))).toBe('not_found error.detail.resource_not_found');
    expect(decision(position('renewal_submitted'), 'approve', as(agencyReviewer))).toBe('conflict notice_request.error.reviewer_only');
    expect(decision(position('renewal_submitted'), 'approve', as(readOnlyReviewer))).toBe('conflict notice_request.error.reviewer_only');
    expect(decision(position('submitted'), 'approve', system)).toBe('conflict notice_request.error.not_yours');
  });

  it('lets the agency or the office withdraw', () => {
    expect(decision(position('published'), 'withdraw', as(officer))).toBe('withdrawn');
    expect(decision(position('published'), 'withdraw', as(reviewer))).toBe('withdrawn');
    expect(decision(position('published'), 'withdraw', as(readOnlyOfficer))).toBe('conflict notice_request.error.not_yours');
  });

  it('leaves expiry to the clock', () => {
    expect(decision(position('published'), 'expire', system)).toBe('expired');
    expect(decision(position('published'), 'expire', as(officer))).toBe('conflict notice_request.error.not_yours');
    expect(decision(position('published'), 'expire', as(reviewer))).toBe('conflict notice_request.error.not_yours');
  });

  it('refuses every review decision to a reviewer who edited or submitted the version (four eyes), not to another reviewer', () => {
    const pos = position('submitted', { contributors: [officer.userId, reviewer.userId] });
    for (const action of ['approve', 'request_changes', 'refuse'] as const) {
      expect(decision(pos, action, as(reviewer))).toBe('conflict notice_request.error.four_eyes');
      expect(decision(pos, action, as(secondReviewer))).toBe(nextStatus('submitted', action));
    }
  });
});

describe('validity, renewal and expiry', () => {
  const approvedAt = '2026-03-10T09:30:00.000Z';
  const expiresAt = expiryAfter(approvedAt);
  const monthsBefore = (months: number): Date => {
    const d = new Date(expiresAt);
    d.setUTCMonth(d.getUTCMonth() - months);
    return d;
  };

  it('lasts five years to the day', () => {
    expect(expiresAt).toBe('2031-03-10T09:30:00.000Z');
    expect(renewalOpensAt(expiresAt)).toBe('2030-09-10T09:30:00.000Z');
  });

  it('ends a notice approved on 29 February on 28 February five years on, and clamps month ends', () => {
    expect(expiryAfter('2024-02-29T10:00:00.000Z')).toBe('2029-02-28T10:00:00.000Z');
    expect(expiryAfter('2028-02-29T00:00:00.000Z')).toBe('2033-02-28T00:00:00.000Z');
    expect(expiryAfter('2024-01-31T10:00:00.000Z')).toBe('2029-01-31T10:00:00.000Z');
    expect(renewalOpensAt('2029-08-31T10:00:00.000Z')).toBe('2029-02-28T10:00:00.000Z');
  });

  it('refuses renewal seven months before expiry and allows it five months before, the window opening six months before', () => {
    const pos = position('published', { expiresAt });
    expect(decision(pos, 'request_renewal', as(officer), monthsBefore(7))).toBe('conflict notice_request.error.renewal_not_yet');
    expect(decision(pos, 'request_renewal', as(officer), monthsBefore(5))).toBe('renewal_submitted');
    const opens = new Date(renewalOpensAt(expiresAt));
    expect(decision(pos, 'request_renewal', as(officer), new Date(opens.getTime() - 1))).toBe('conflict notice_request.error.renewal_not_yet');
    expect(decision(pos, 'request_renewal', as(officer), opens)).toBe('renewal_submitted');
    expect(decision(position('published', { expiresAt: null }), 'request_renewal', as(officer))).toBe('conflict notice_request.error.renewal_not_yet');
  });

  it('refuses expiry before `expiresAt` and allows it from that instant', () => {
    const pos = position('update_submitted', { expiresAt });
    expect(decision(pos, 'expire', system, new Date(Date.parse(expiresAt) - 1))).toBe('conflict notice_request.error.not_expired');
    expect(decision(pos, 'expire', system, new Date(expiresAt))).toBe('expired');
    expect(decision(position('published', { expiresAt: null }), 'expire', system)).toBe('conflict notice_request.error.not_expired');
  });

  it('reminds a circulating notice’s agency within the renewal window only', () => {
    expect(isExpiringSoon('published', expiresAt, monthsBefore(7))).toBe(false);
    expect(isExpiringSoon('published', expiresAt, monthsBefore(5))).toBe(true);
    expect(isExpiringSoon('update_draft', expiresAt, monthsBefore(1))).toBe(true);
    expect(isExpiringSoon('published', expiresAt, new Date(expiresAt))).toBe(false);
    expect(isExpiringSoon('withdrawn', expiresAt, monthsBefore(1))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Submission and review checks

const facts = (input: RequestFactsInput): RequestFacts => requestFactsSchema.parse(input);

const wanted: RequestFactsInput = {
  kind: 'wanted',
  nationalReference: 'BKA-1',
  familyName: 'Dupont',
  forename: 'Jean',
  dateOfBirth: '1980-05-12',
  warrants: [{ issuingCountry: 'DE', charge: 'Fraud', crimeCategory: 'fraud', warrantDate: '2024-02-01', warrantAuthority: 'Amtsgericht Köln' }],
};
const missing: RequestFactsInput = {
  kind: 'missing',
  nationalReference: 'MUP-7',
  familyName: 'Horvat',
  forename: 'Ana',
  dateOfBirth: '2008-04',
  disappearance: { date: '2025-09-30', country: 'HR' },
};
const warrant = { issuingCountry: 'DE', charge: 'Fraud', crimeCategory: 'fraud', warrantDate: '2024-02-01', warrantAuthority: 'Amtsgericht Köln' };
const problems = (input: RequestFactsInput, photoCount = 0): string[] =>
  submissionProblems(facts(input), { photoCount, today: NOW }).map((i) => `${i.field} ${i.message.replace('notice_request.check.', '')}`);

describe('submissionProblems', () => {
  it('finds nothing wrong with complete requests of either kind', () => {
    expect(problems(wanted)).toEqual([]);
    expect(problems(missing)).toEqual([]);
  });

  it('needs a family name and the national case reference', () => {
    expect(problems({ ...wanted, familyName: '  ' })).toEqual(['familyName family_name_missing']);
    expect(problems({ ...wanted, nationalReference: '' })).toEqual(['nationalReference reference_missing']);
  });

  it('needs a date of birth, a photo or an identity document besides the name', () => {
    const bare = { ...wanted, dateOfBirth: null };
    expect(problems(bare)).toEqual(['dateOfBirth identifiers_missing']);
    expect(problems(bare, 1)).toEqual([]);
    expect(problems({ ...bare, documents: [{ kind: 'passport', number: 'X1' }] })).toEqual([]);
  });

  it('refuses a birth after today, comparing a partial date by its earliest day', () => {
    expect(problems({ ...wanted, dateOfBirth: '2027' })).toEqual(['dateOfBirth birth_in_future', 'warrants.0.warrantDate warrant_before_birth']);
    // June 2026 may have begun before 15 June: not in the future.
    expect(problems({ ...wanted, dateOfBirth: '2026-06', warrants: [{ ...warrant, warrantDate: '2026-06' }] })).toEqual([]);
    expect(problems({ ...wanted, dateOfBirth: '2026-07', warrants: [{ ...warrant, warrantDate: '2026-06' }] })).toEqual([
      'dateOfBirth birth_in_future',
      'warrants.0.warrantDate warrant_before_birth',
    ]);
  });

  it('checks each warrant of a wanted person', () => {
    expect(problems({ ...wanted, warrants: [] })).toEqual(['warrants warrant_missing']);
    expect(problems({ ...wanted, warrants: [warrant, { issuingCountry: 'PL', charge: '' }] })).toEqual([
      'warrants.1.charge charge_missing',
      'warrants.1.crimeCategory category_missing',
      'warrants.1.warrantDate warrant_date_missing',
      'warrants.1.warrantAuthority authority_missing',
    ]);
    expect(problems({ ...wanted, warrants: [{ ...warrant, warrantDate: '2026-06-16' }] })).toEqual(['warrants.0.warrantDate warrant_in_future']);
    expect(problems({ ...wanted, disappearance: { date: '2025-01-01', country: 'DE' } })).toEqual(['disappearance wanted_disappearance']);
  });

  it('compares a warrant with the birth at the precision each is known', () => {
    const on = (dateOfBirth: string, warrantDate: string) => problems({ ...wanted, dateOfBirth, warrants: [{ ...warrant, warrantDate }] });
    // "1980" may be December 1980, after 12 May 1980.
    expect(on('1980-05-12', '1980')).toEqual([]);
    expect(on('1980-05-12', '1980-05')).toEqual([]);
    expect(on('1980-05-12', '1979')).toEqual(['warrants.0.warrantDate warrant_before_birth']);
    expect(on('1980-05-12', '1980-04')).toEqual(['warrants.0.warrantDate warrant_before_birth']);
    expect(on('1980-05-12', '1980-05-11')).toEqual(['warrants.0.warrantDate warrant_before_birth']);
    expect(on('1980', '1980-01-01')).toEqual([]);
    expect(on('1980-06', '1980-05')).toEqual(['warrants.0.warrantDate warrant_before_birth']);
  });

  it('checks a missing person’s disappearance', () => {
    expect(problems({ ...missing, disappearance: null })).toEqual([
      'disappearance.date disappearance_date_missing',
      'disappearance.country disappearance_country_missing',
    ]);
    expect(problems({ ...missing, warrants: [warrant] })).toEqual(['warrants missing_warrants']);
    expect(problems({ ...missing, disappearance: { date: '2026-07', country: 'HR' } })).toEqual(['disappearance.date disappearance_in_future']);
    expect(problems({ ...missing, disappearance: { date: '2008-03', country: 'HR' } })).toEqual(['disappearance.date disappearance_before_birth']);
    // Born in April 2008, gone in "2008": possible.
    expect(problems({ ...missing, disappearance: { date: '2008', country: 'HR' } })).toEqual([]);
  });

  it('refuses public fields chosen without consent', () => {
    expect(problems({ ...wanted, publicExtract: { consent: false, fields: ['dateOfBirth'] } })).toEqual(['publicExtract.fields fields_without_consent']);
    expect(problems({ ...wanted, publicExtract: { consent: true, fields: ['dateOfBirth'] } })).toEqual([]);
  });
});

describe('reviewProblems', () => {
  const all = Object.fromEntries(checklistItems.map((i) => [i, true])) as Checklist;

  it('needs every checklist item confirmed to approve', () => {
    expect(reviewProblems('approve', all, '', 'wanted')).toEqual([]);
    for (const item of checklistItems)
      expect(reviewProblems('approve', { ...all, [item]: false }, 'fine', 'wanted')).toEqual([{ field: `checklist.${item}`, message: 'notice_request.review.item_unconfirmed' }]);
  });

  it('does not ask about the seriousness of an offence for a missing person', () => {
    expect(reviewProblems('approve', { ...all, serious_offence: false }, '', 'missing')).toEqual([]);
    expect(reviewProblems('approve', { ...all, human_rights: false }, '', 'missing')).toHaveLength(1);
  });

  it('needs a comment to ask for changes or to refuse, whatever the checklist', () => {
    const none = Object.fromEntries(checklistItems.map((i) => [i, false])) as Checklist;
    for (const decision of ['request_changes', 'refuse'] as const) {
      expect(reviewProblems(decision, all, '   ', 'wanted')).toEqual([{ field: 'comment', message: 'notice_request.review.comment_needed' }]);
      expect(reviewProblems(decision, none, 'Political character', 'wanted')).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The public extract

/** Every field filled with a value found nowhere else, so its presence in the extract's JSON is unmistakable. */
const everything: RequestFactsInput = {
  kind: 'wanted',
  nationalReference: 'NATREF-SECRET-0',
  familyName: 'Zumbrunnen',
  forename: 'Quirin',
  nameOriginal: 'Квірин Цумбруннен',
  aliases: [{ familyName: 'Aliasname', forename: 'Aliasfore' }],
  sex: 'M',
  dateOfBirth: '1971-08-23',
  placeOfBirth: 'Birthplacetown',
  countryOfBirth: 'CH',
  nationalities: ['CH', 'LI'],
  languages: ['ROH'],
  heightM: 1.93,
  weightKg: 97,
  eyeColors: ['EYECOLOUR'],
  hairColors: ['HAIRCOLOUR'],
  distinguishingMarks: 'Markdescription',
  fatherName: 'Fathersurname',
  fatherForename: 'Fatherforename',
  motherName: 'Mothersurname',
  motherForename: 'Motherforename',
  birthName: 'Birthsurname',
  documents: [{ kind: 'passport', number: 'DOCNUMBER-SECRET-1', country: 'CH' }],
  warrants: [
    {
      issuingCountry: 'DE',
      charge: 'Chargetext',
      chargeTranslation: 'Chargetranslation',
      crimeCategory: 'fraud',
      legalReference: 'LEGALREF-SECRET-2',
      warrantDate: '2019-04-17',
      warrantAuthority: 'AUTHORITY-SECRET-3',
    },
  ],
  armedOrDangerous: true,
};
const consentedFields = [
  'Квірин Цумбруннен',
  'Aliasname',
  '1971-08-23',
  'Birthplacetown',
  '"CH"',
  '"LI"',
  'ROH',
  '1.93',
  '97',
  'EYECOLOUR',
  'HAIRCOLOUR',
  'Markdescription',
  'Fathersurname',
  'Fatherforename',
  'Mothersurname',
  'Motherforename',
  'Birthsurname',
];
const neverPublic = ['NATREF-SECRET-0', 'DOCNUMBER-SECRET-1', 'LEGALREF-SECRET-2', 'AUTHORITY-SECRET-3', '2019-04-17', 'passport', 'armedOrDangerous'];

describe('publicExtractOf', () => {
  it('with consent to no field shows only the name, sex, kind, requesting country and charges', () => {
    const extract = publicExtractOf(facts({ ...everything, publicExtract: { consent: true, fields: [] } }), 'DE', false);
    const json = JSON.stringify(extract);
    for (const value of [...consentedFields, ...neverPublic]) expect(json, value).not.toContain(value);
    expect(extract).toMatchObject({
      kind: 'wanted',
      familyName: 'Zumbrunnen',
      forename: 'Quirin',
      sex: 'M',
      issuingCountry: 'DE',
      dateOfBirth: null,
      placeOfBirth: null,
      countryOfBirth: null,
      nationalities: [],
      aliases: [],
      languages: [],
      heightM: null,
      weightKg: null,
      charges: [{ issuingCountry: 'DE', charge: 'Chargetext', chargeTranslation: 'Chargetranslation', crimeCategory: 'fraud' }],
    });
  });

  it('with consent to every field shows them all, and still no warrant details, documents or danger flag', () => {
    const extract = publicExtractOf(facts({ ...everything, publicExtract: { consent: true, fields: [...publicFields] } }), 'DE', false);
    const json = JSON.stringify(extract);
    for (const value of consentedFields) expect(json, value).toContain(value);
    for (const value of neverPublic) expect(json, value).not.toContain(value);
  });

  it('shows each consented field and only it', () => {
    const only = (field: (typeof publicFields)[number]) => publicExtractOf(facts({ ...everything, publicExtract: { consent: true, fields: [field] } }), 'DE', false);
    expect(only('dateOfBirth')).toMatchObject({ dateOfBirth: '1971-08-23', placeOfBirth: null, nationalities: [] });
    expect(only('placeOfBirth')).toMatchObject({ dateOfBirth: null, placeOfBirth: 'Birthplacetown', countryOfBirth: 'CH' });
    expect(only('parents')).toMatchObject({ fatherName: 'Fathersurname', motherForename: 'Motherforename', birthName: null, aliases: [] });
    expect(only('physical')).toMatchObject({ heightM: 1.93, weightKg: 97, eyeColors: ['EYECOLOUR'], distinguishingMarks: null });
  });

  it('shows a missing person’s disappearance only with consent, and never charges', () => {
    const lost: RequestFactsInput = {
      ...everything,
      kind: 'missing',
      warrants: [],
      disappearance: { date: '2025-01-02', place: 'Lakeside', country: 'CH', circumstances: 'Left by boat', countriesLikelyToBeVisited: ['IT'] },
    };
    expect(publicExtractOf(facts({ ...lost, publicExtract: { consent: true, fields: [] } }), 'CH', false)).toMatchObject({ disappearance: null, charges: [] });
    expect(publicExtractOf(facts({ ...lost, publicExtract: { consent: true, fields: ['disappearance'] } }), 'CH', false).disappearance).toMatchObject({
      place: 'Lakeside',
      countriesLikelyToBeVisited: ['IT'],
    });
  });
});

describe('diffFacts', () => {
  const base = facts(wanted);

  it('finds nothing between equal versions, and treats an empty text as no text', () => {
    expect(diffFacts(base, facts(wanted))).toEqual([]);
    expect(diffFacts(facts({ ...wanted, placeOfBirth: null }), facts({ ...wanted, placeOfBirth: '' }))).toEqual([]);
  });

  it('names each changed field with its value before and after, lists compared whole', () => {
    const after = facts({ ...wanted, familyName: 'Dupond', aliases: [{ familyName: 'Dupont-Aîné' }], dateOfBirth: null });
    expect(diffFacts(base, after)).toEqual([
      { field: 'familyName', before: 'Dupont', after: 'Dupond' },
      { field: 'aliases', before: '[]', after: '[{"familyName":"Dupont-Aîné","forename":""}]' },
      { field: 'dateOfBirth', before: '1980-05-12', after: '' },
    ]);
  });
});
