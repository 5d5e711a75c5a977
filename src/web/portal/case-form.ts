/** The form that opens a case, as typed: posted fields to the case input and back, and where each problem is shown. */
import { caseInputSchema } from '../../core/cases.ts';
import type { FieldIssue } from '../../core/errors.ts';
import { rows, str, type Body } from './form-rows.ts';

export type PersonRow = { familyName: string; forename: string; nameOriginal: string; dateOfBirth: string; nationality: string };
export type DocumentRow = { kind: string; number: string; country: string };
export type VehicleRow = { registration: string; country: string; description: string };
export type RowList = 'persons' | 'documents' | 'vehicles';

/** Every value as the officer typed it, so refused input comes back exactly as entered; rows hold only what was filled in. */
export type CaseForm = {
  kind: string;
  subject: string;
  nationalReference: string;
  crimeArea: string;
  urgency: string;
  recipientAgencyIds: string[];
  message: { body: string; handlingCode: string; restriction: string; sourceGrade: string; informationGrade: string };
  persons: PersonRow[];
  documents: DocumentRow[];
  vehicles: VehicleRow[];
  /** Notice-request ids, separated by spaces, commas or new lines. */
  linkedRequests: string;
};

/**
 * A new case starts as a request of standard urgency; the handling code and the evaluations are left for the officer
 * to choose, since a default there would be a judgement nobody made.
 */
export function blankCaseForm(): CaseForm {
  return {
    kind: 'request',
    subject: '',
    nationalReference: '',
    crimeArea: '',
    urgency: 'standard',
    recipientAgencyIds: [],
    message: { body: '', handlingCode: '', restriction: '', sourceGrade: '', informationGrade: '' },
    persons: [],
    documents: [],
    vehicles: [],
    linkedRequests: '',
  };
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
const allEmpty = (values: string[]): boolean => values.every((v) => v.trim() === '');

const personKeys = ['familyName', 'forename', 'nameOriginal', 'dateOfBirth', 'nationality'] as const;
const documentKeys = ['kind', 'number', 'country'] as const;
const vehicleKeys = ['registration', 'country', 'description'] as const;

/**
 * Reads the posted form. Blank rows are dropped here, so rows shown again are numbered as the entities are; a
 * document's kind alone (a select always sends one) does not make a row.
 */
export function readCaseForm(body: Body): CaseForm {
  return {
    kind: str(body.kind),
    subject: str(body.subject),
    nationalReference: str(body.nationalReference),
    crimeArea: str(body.crimeArea),
    urgency: str(body.urgency),
    recipientAgencyIds: list(body.recipientAgencyIds),
    message: {
      body: str(body['message.body']),
      handlingCode: str(body['message.handlingCode']),
      restriction: str(body['message.restriction']),
      sourceGrade: str(body['message.sourceGrade']),
      informationGrade: str(body['message.informationGrade']),
    },
    persons: rows(body, 'persons', personKeys, (r) => allEmpty(personKeys.map((k) => r[k]))),
    documents: rows(body, 'documents', documentKeys, (r) => allEmpty([r.number, r.country])),
    vehicles: rows(body, 'vehicles', vehicleKeys, (r) => allEmpty(vehicleKeys.map((k) => r[k]))),
    linkedRequests: str(body.linkedRequests),
  };
}

const orNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());
const ids = (v: string): string[] => v.split(/[\s,;]+/).filter(Boolean).map((x) => x.toLowerCase());

export type CheckedForm = {
  /** The case input in the shape `openCase` reads (unchecked until the use case parses it). */
  input: Record<string, unknown>;
  /** Which form row each entity came from (`persons.0`, `documents.1`), so the use case's problems land on their row. */
  entityRows: string[];
  /** The problems found, on form paths (`persons.0.familyName`, `message.restriction`, `recipientAgencyIds`). */
  issues: FieldIssue[];
};

const firstField: Readonly<Record<RowList, string>> = { persons: 'familyName', documents: 'kind', vehicles: 'registration' };

/** The form's field path of a problem the case input has (`entities.2.number` → `documents.0.number`). */
export function formPathOf(field: string, entityRows: readonly string[]): string {
  const parts = field.split('.');
  const [head = '', index, ...rest] = parts;
  if (head === 'entities') {
    const row = index === undefined ? undefined : entityRows[Number(index)];
    if (!row) return 'entities';
    const name = rest.join('.');
    return `${row}.${name === '' || name === 'type' ? firstField[row.split('.')[0] as RowList] : name}`;
  }
  if (head === 'recipientAgencyIds') return 'recipientAgencyIds';
  if (head === 'linkedRequestIds' || head === 'linkedCaseIds') return 'linkedRequests';
  return field;
}

/** What the form says of an empty field the case needs, in its own words rather than the schema's. */
const requiredMessage: Record<string, string> = {
  kind: 'cases.form.error.kind',
  subject: 'cases.form.error.subject',
  nationalReference: 'cases.form.error.national_reference',
  crimeArea: 'cases.form.error.crime_area',
  urgency: 'cases.form.error.urgency',
  'message.body': 'cases.form.error.body',
  'message.handlingCode': 'cases.form.error.handling_code',
  'message.sourceGrade': 'cases.form.error.source_grade',
  'message.informationGrade': 'cases.form.error.information_grade',
};

/** The schema speaks English; fields whose rule officers meet often get the catalog's sentence instead. */
const ruleMessage: Record<string, string> = {
  dateOfBirth: 'cases.form.error.date_of_birth',
  linkedRequests: 'cases.form.error.request_id',
};

/**
 * Maps the form to the case input and checks it against the case's own rules, so every problem of the form is reported
 * at once and on the field that holds it; what only the database knows (an agency that no longer exists, a request of
 * another agency) is left to the use case.
 */
export function checkCaseForm(form: CaseForm): CheckedForm {
  const entityRows = [...form.persons.map((_, i) => `persons.${i}`), ...form.documents.map((_, i) => `documents.${i}`), ...form.vehicles.map((_, i) => `vehicles.${i}`)];
  const entities = [
    ...form.persons.map((p) => ({
      type: 'person',
      familyName: p.familyName,
      forename: p.forename,
      nameOriginal: orNull(p.nameOriginal),
      dateOfBirth: orNull(p.dateOfBirth),
      nationality: orNull(p.nationality),
    })),
    ...form.documents.map((d) => ({ type: 'document', kind: d.kind, number: d.number, country: orNull(d.country) })),
    ...form.vehicles.map((v) => ({ type: 'vehicle', registration: v.registration, country: orNull(v.country), description: v.description })),
  ];
  const m = form.message;
  const input: Record<string, unknown> = {
    kind: form.kind,
    subject: form.subject,
    nationalReference: form.nationalReference,
    crimeArea: form.crimeArea,
    urgency: form.urgency,
    recipientAgencyIds: form.recipientAgencyIds,
    entities,
    linkedRequestIds: ids(form.linkedRequests),
    linkedCaseIds: [],
    message: { body: m.body, handlingCode: m.handlingCode, restriction: m.restriction, sourceGrade: m.sourceGrade, informationGrade: m.informationGrade },
  };
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => {
    if (!issues.some((i) => i.field === field)) issues.push({ field, message });
  };
  const values: Record<string, string> = {
    kind: form.kind,
    subject: form.subject,
    nationalReference: form.nationalReference,
    crimeArea: form.crimeArea,
    urgency: form.urgency,
    'message.body': m.body,
    'message.handlingCode': m.handlingCode,
    'message.sourceGrade': m.sourceGrade,
    'message.informationGrade': m.informationGrade,
  };
  for (const [field, message] of Object.entries(requiredMessage)) if ((values[field] ?? '').trim() === '') add(field, message);
  if (form.recipientAgencyIds.length === 0) add('recipientAgencyIds', 'cases.error.no_recipient');
  // The schema checks the restriction only once the rest of the message is valid; the officer should hear of it now.
  if (m.handlingCode === 'H3' && m.restriction.trim() === '') add('message.restriction', 'cases.check.restriction_needed');
  form.persons.forEach((p, i) => p.familyName.trim() === '' && add(`persons.${i}.familyName`, 'cases.form.error.family_name'));
  form.documents.forEach((d, i) => {
    if (d.kind.trim() === '') add(`documents.${i}.kind`, 'cases.form.error.document_kind');
    if (d.number.trim() === '') add(`documents.${i}.number`, 'cases.form.error.document_number');
  });
  form.vehicles.forEach((v, i) => v.registration.trim() === '' && add(`vehicles.${i}.registration`, 'cases.form.error.registration'));
  const parsed = caseInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formPathOf(issue.path.map(String).join('.'), entityRows);
      const last = field.split('.').pop() ?? field;
      add(field, issue.message.startsWith('cases.') ? issue.message : (ruleMessage[last] ?? issue.message));
    }
  }
  return { input, entityRows, issues: issues.sort((a, b) => rank(a.field) - rank(b.field)) };
}

/** The order of the form on screen, so the error summary reads top to bottom. */
const formOrder = ['kind', 'subject', 'nationalReference', 'crimeArea', 'urgency', 'recipientAgencyIds', 'message', 'entities', 'persons', 'documents', 'vehicles', 'linkedRequests'];

function rank(field: string): number {
  const [head = '', second] = field.split('.');
  const i = formOrder.indexOf(head);
  // Rows keep their number's order within a list.
  return (i === -1 ? formOrder.length : i) * 1000 + (/^\d+$/.test(second ?? '') ? Number(second) : 0);
}

/** The rows shown for each list when the officer has typed none: two persons (a case often names several), one of the rest. */
export const blankRows: Readonly<Record<RowList, number>> = { persons: 2, documents: 1, vehicles: 1 };

/** Input id of a form path (`persons.0.familyName` → `f-persons-0-familyName`), as the view names its controls. */
export const inputId = (path: string): string => `f-${path.replaceAll('.', '-')}`;

/** Fields shown as radios: a problem links to the first choice, the group's first control. */
const radioGroups: Readonly<Record<string, string>> = { kind: 'request', urgency: 'urgent', 'message.handlingCode': 'H0' };

/** Where the error summary sends the reader for a problem of `path`: its control, or a group's first radio. */
export function anchorOf(path: string): string {
  const first = radioGroups[path];
  return first ? `${inputId(path)}-${first}` : inputId(path);
}
