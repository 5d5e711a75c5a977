import { describe, expect, it } from 'vitest';
import { requestFactsSchema, type RequestFacts } from '../../core/notice-requests.ts';
import { factsFromForm, formFromFacts, inputIdOf, parseDecimal, readRequestForm } from './request-form.ts';

const wanted: RequestFacts = requestFactsSchema.parse({
  kind: 'wanted',
  nationalReference: 'BKA-2026-0042',
  familyName: 'Shevchenko',
  forename: 'Taras',
  nameOriginal: 'Шевченко Тарас',
  aliases: [{ familyName: 'Schewtschenko', forename: 'Taras' }, { familyName: 'Sheva', forename: '' }],
  sex: 'M',
  dateOfBirth: '1981-03',
  placeOfBirth: 'Kyiv',
  countryOfBirth: 'UA',
  nationalities: ['UA', 'DE'],
  languages: ['UKR', 'RUS', 'DEU'],
  heightM: 1.82,
  weightKg: 86.5,
  eyeColors: ['BLU'],
  hairColors: ['BRO', 'GRY'],
  distinguishingMarks: 'Scar on the left hand',
  fatherName: 'Shevchenko',
  fatherForename: 'Hryhoriy',
  motherName: null,
  motherForename: 'Kateryna',
  birthName: null,
  documents: [{ kind: 'passport', number: 'FX123456', country: 'UA' }, { kind: 'other', number: 'X-1', country: null }],
  warrants: [
    {
      issuingCountry: 'DE',
      charge: 'Bewaffneter Raub',
      chargeTranslation: 'Armed robbery',
      crimeCategory: 'organised_armed_robbery',
      legalReference: '§ 250 StGB',
      warrantDate: '2025-11-02',
      warrantAuthority: 'Amtsgericht Köln',
    },
  ],
  armedOrDangerous: true,
  publicExtract: { consent: true, fields: ['photos', 'dateOfBirth'] },
});

const missing: RequestFacts = requestFactsSchema.parse({
  kind: 'missing',
  nationalReference: 'NL-77',
  familyName: 'de Vries',
  forename: 'Anna',
  sex: 'F',
  disappearance: { date: '2026-01-14', place: 'Utrecht', country: 'NL', circumstances: 'Left school', countriesLikelyToBeVisited: ['BE', 'DE'] },
});

/** The form as a browser posts it: every field by its name, rows numbered, repeated fields as arrays, checkboxes as "1". */
function posted(form: ReturnType<typeof formFromFacts>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form)) {
    if (typeof v === 'string') body[k] = v;
  }
  body.nationalities = form.nationalities;
  body.eyeColors = form.eyeColors;
  body.hairColors = form.hairColors;
  form.aliases.forEach((a, i) => Object.entries(a).forEach(([k, v]) => (body[`aliases.${i}.${k}`] = v)));
  form.documents.forEach((d, i) => Object.entries(d).forEach(([k, v]) => (body[`documents.${i}.${k}`] = v)));
  form.warrants.forEach((w, i) => Object.entries(w).forEach(([k, v]) => (body[`warrants.${i}.${k}`] = v)));
  Object.entries(form.disappearance).forEach(([k, v]) => (body[`disappearance.${k}`] = v));
  if (form.armedOrDangerous) body.armedOrDangerous = '1';
  if (form.consent) body['publicExtract.consent'] = '1';
  body['publicExtract.fields'] = form.publicFields;
  return body;
}

const roundTrip = (f: RequestFacts) => {
  const { facts, problems } = factsFromForm(readRequestForm(posted(formFromFacts(f))), f.kind);
  return { facts: requestFactsSchema.parse(facts), problems };
};

describe('the notice-request form', () => {
  it('gives back the same facts after facts → form → post → facts, for both kinds', () => {
    for (const f of [wanted, missing]) {
      const { facts, problems } = roundTrip(f);
      expect(problems).toEqual([]);
      expect(facts).toEqual(f);
    }
  });

  it('drops blank rows wherever they are, so rows keep the numbers their facts get', () => {
    const body = {
      ...posted(formFromFacts(wanted)),
      'aliases.5.familyName': '',
      'aliases.5.forename': '  ',
      'aliases.3.familyName': 'Later',
      'aliases.3.forename': '',
      // The view fills the issuing country of a blank warrant row in: that alone is no warrant.
      'warrants.1.issuingCountry': 'DE',
      'warrants.1.charge': '',
      'documents.2.kind': 'passport',
      'documents.2.number': '',
      'documents.2.country': '',
    };
    const form = readRequestForm(body);
    expect(form.aliases.map((a) => a.familyName)).toEqual(['Schewtschenko', 'Sheva', 'Later']);
    expect(form.warrants).toHaveLength(1);
    expect(form.documents).toHaveLength(2);
    const blankFirst = readRequestForm({ 'warrants.0.issuingCountry': 'FR', 'warrants.1.issuingCountry': 'FR', 'warrants.1.warrantDate': '2026-13' });
    expect(blankFirst.warrants).toEqual([expect.objectContaining({ warrantDate: '2026-13' })]);
  });

  it('reads numbers with a point or a comma, and keeps a bad number as typed while reporting it', () => {
    expect(parseDecimal('1,75')).toBe(1.75);
    expect(parseDecimal(' 82 ')).toBe(82);
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('tall')).toBeNaN();
    expect(parseDecimal('1.7.5')).toBeNaN();
    const form = readRequestForm({ ...posted(formFromFacts(wanted)), heightM: 'about 1.80', weightKg: '90,5' });
    expect(form.heightM).toBe('about 1.80');
    const { facts, problems } = factsFromForm(form, 'wanted');
    expect(problems).toEqual([{ field: 'heightM', message: 'requests.form.error.number' }]);
    expect(facts.heightM).toBeNull();
    expect(facts.weightKg).toBe(90.5);
  });

  it('turns empty fields into "not known", code lists into upper-case codes, and leaves out what the kind does not have', () => {
    const form = readRequestForm({
      familyName: 'Doe',
      languages: 'eng; fra  deu',
      'disappearance.countriesLikelyToBeVisited': 'be,de',
      'disappearance.date': '2026-02',
      'warrants.0.issuingCountry': 'DE',
      'warrants.0.charge': 'Theft',
      armedOrDangerous: '1',
    });
    const asMissing = requestFactsSchema.parse(factsFromForm(form, 'missing').facts);
    expect(asMissing.languages).toEqual(['ENG', 'FRA', 'DEU']);
    expect(asMissing.placeOfBirth).toBeNull();
    expect(asMissing.sex).toBe('U');
    expect(asMissing.warrants).toEqual([]);
    expect(asMissing.armedOrDangerous).toBe(false);
    expect(asMissing.disappearance).toEqual({ date: '2026-02', place: null, country: null, circumstances: null, countriesLikelyToBeVisited: ['BE', 'DE'] });
    const asWanted = requestFactsSchema.parse(factsFromForm(form, 'wanted').facts);
    expect(asWanted.disappearance).toBeNull();
    expect(asWanted.warrants).toEqual([expect.objectContaining({ issuingCountry: 'DE', charge: 'Theft', warrantDate: null })]);
  });

  it('reports a warrant without an issuing country on that row', () => {
    const { problems } = factsFromForm(readRequestForm({ 'warrants.0.issuingCountry': '', 'warrants.0.charge': 'Fraud' }), 'wanted');
    expect(problems).toEqual([{ field: 'warrants.0.issuingCountry', message: 'requests.form.error.issuing_country_missing' }]);
  });

  it('points each problem at the control that shows it', () => {
    expect(inputIdOf('warrants.0.warrantDate')).toBe('f-warrants-0-warrantDate');
    expect(inputIdOf('warrants')).toBe('f-warrants');
    expect(inputIdOf('aliases.50')).toBe('f-aliases');
    expect(inputIdOf('languages.2')).toBe('f-languages');
    expect(inputIdOf('eyeColors.0')).toBe('f-eyeColors');
    expect(inputIdOf('nationalities.1')).toBe('f-nationalities-1');
    expect(inputIdOf('disappearance')).toBe('f-disappearance');
    expect(inputIdOf('disappearance.countriesLikelyToBeVisited.3')).toBe('f-disappearance-countriesLikelyToBeVisited');
    expect(inputIdOf('publicExtract.fields.0')).toBe('f-publicExtract-fields');
    expect(inputIdOf('dateOfBirth')).toBe('f-dateOfBirth');
  });
});
