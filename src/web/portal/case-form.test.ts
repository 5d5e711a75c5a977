import { describe, expect, it } from 'vitest';
import { caseInputSchema } from '../../core/cases.ts';
import { anchorOf, blankCaseForm, checkCaseForm, formPathOf, readCaseForm } from './case-form.ts';

const agencyId = '01jz0000000000000000000000';
const requestId = '01jz0000000000000000000001';

/** A complete form as a browser posts it, blank rows included. */
const posted = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  kind: 'request',
  subject: 'Stolen lorry crossing into Croatia',
  nationalReference: 'NPD-2026-117',
  crimeArea: 'organised_property_crime',
  urgency: 'urgent',
  recipientAgencyIds: agencyId,
  'message.body': 'Please check the border crossing records for the vehicle below.',
  'message.handlingCode': 'H1',
  'message.restriction': '',
  'message.sourceGrade': 'B',
  'message.informationGrade': '2',
  'persons.0.familyName': 'Kovač',
  'persons.0.forename': 'Ivan',
  'persons.0.nameOriginal': '',
  'persons.0.dateOfBirth': '1980-04',
  'persons.0.nationality': 'HR',
  'persons.1.familyName': '',
  'persons.1.forename': '',
  'persons.1.nameOriginal': '',
  'persons.1.dateOfBirth': '',
  'persons.1.nationality': '',
  'documents.0.kind': 'passport',
  'documents.0.number': '',
  'documents.0.country': '',
  'vehicles.0.registration': 'ZG-1234-AB',
  'vehicles.0.country': 'HR',
  'vehicles.0.description': 'White Volvo FH lorry',
  linkedRequests: '',
  ...over,
});

describe('the case form', () => {
  it('reads a posted form into the case input the use case accepts, dropping blank rows', () => {
    const form = readCaseForm(posted({ linkedRequests: ` ${requestId.toUpperCase()}, ` }));
    expect(form.persons).toHaveLength(1);
    // A document row with only its kind chosen (a select always sends one) is not a document.
    expect(form.documents).toEqual([]);
    const checked = checkCaseForm(form);
    expect(checked.issues).toEqual([]);
    expect(checked.entityRows).toEqual(['persons.0', 'vehicles.0']);
    const parsed = caseInputSchema.parse(checked.input);
    expect(parsed.recipientAgencyIds).toEqual([agencyId]);
    expect(parsed.linkedRequestIds).toEqual([requestId]);
    expect(parsed.entities).toEqual([
      { type: 'person', familyName: 'Kovač', forename: 'Ivan', nameOriginal: null, dateOfBirth: '1980-04', nationality: 'HR' },
      { type: 'vehicle', registration: 'ZG-1234-AB', country: 'HR', description: 'White Volvo FH lorry' },
    ]);
    expect(parsed.message).toMatchObject({ handlingCode: 'H1', sourceGrade: 'B', informationGrade: '2' });
  });

  it('keeps several recipients and reads rows in numeric order whatever order they were posted in', () => {
    const form = readCaseForm({ ...posted(), recipientAgencyIds: [agencyId, requestId], 'persons.10.familyName': 'Later', 'persons.2.familyName': 'Earlier' });
    expect(form.recipientAgencyIds).toEqual([agencyId, requestId]);
    expect(form.persons.map((p) => p.familyName)).toEqual(['Kovač', 'Earlier', 'Later']);
  });

  it('says what is missing in its own words, on the field that holds it, and every problem at once', () => {
    const form = readCaseForm(
      posted({ subject: ' ', recipientAgencyIds: [], 'message.handlingCode': 'H3', 'message.sourceGrade': '', 'persons.1.forename': 'Ana', 'persons.0.dateOfBirth': '04/1980' }),
    );
    const { issues } = checkCaseForm(form);
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'subject', message: 'cases.form.error.subject' },
        { field: 'recipientAgencyIds', message: 'cases.error.no_recipient' },
        { field: 'message.sourceGrade', message: 'cases.form.error.source_grade' },
        { field: 'message.restriction', message: 'cases.check.restriction_needed' },
        { field: 'persons.1.familyName', message: 'cases.form.error.family_name' },
        { field: 'persons.0.dateOfBirth', message: 'cases.form.error.date_of_birth' },
      ]),
    );
    // One message per field: the form's own sentence, not the schema's as well.
    expect(issues.filter((i) => i.field === 'subject')).toHaveLength(1);
    expect(issues).toHaveLength(6);
  });

  it('refuses a link that is not a request identifier', () => {
    const { issues } = checkCaseForm(readCaseForm(posted({ linkedRequests: 'REQ-2026-1' })));
    expect(issues).toEqual([{ field: 'linkedRequests', message: 'cases.form.error.request_id' }]);
  });

  it('puts the use case’s problems of entities on the row they were typed in', () => {
    const rows = ['persons.0', 'persons.1', 'documents.0', 'vehicles.0'];
    expect(formPathOf('entities.2.number', rows)).toBe('documents.0.number');
    expect(formPathOf('entities.3', rows)).toBe('vehicles.0.registration');
    expect(formPathOf('entities.1.type', rows)).toBe('persons.1.familyName');
    expect(formPathOf('entities', rows)).toBe('entities');
    expect(formPathOf('recipientAgencyIds.1', rows)).toBe('recipientAgencyIds');
    expect(formPathOf('linkedRequestIds.0', rows)).toBe('linkedRequests');
    expect(formPathOf('message.restriction', rows)).toBe('message.restriction');
  });

  it('links each problem to a control the page has: the first radio of a group, or the input itself', () => {
    expect(anchorOf('urgency')).toBe('f-urgency-urgent');
    expect(anchorOf('message.handlingCode')).toBe('f-message-handlingCode-H0');
    expect(anchorOf('persons.1.familyName')).toBe('f-persons-1-familyName');
    expect(anchorOf('recipientAgencyIds')).toBe('f-recipientAgencyIds');
  });

  it('starts a new case as a standard request, leaving the handling and evaluation to the officer', () => {
    const blank = blankCaseForm();
    expect(blank).toMatchObject({ kind: 'request', urgency: 'standard' });
    expect(blank.message.handlingCode).toBe('');
    const { issues } = checkCaseForm(blank);
    expect(issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['subject', 'nationalReference', 'crimeArea', 'recipientAgencyIds', 'message.body', 'message.handlingCode', 'message.sourceGrade', 'message.informationGrade']),
    );
  });
});
