/** The notice-request form as typed: posted fields to request facts and back, and the input that shows each fact's problem. */
import type { FieldIssue } from '../../core/errors.ts';
import type { RequestFacts } from '../../core/notice-requests.ts';
import { rows, str, type Body } from './form-rows.ts';

export type AliasRow = { familyName: string; forename: string };
export type DocumentRow = { kind: string; number: string; country: string };
export type WarrantRow = {
  issuingCountry: string;
  charge: string;
  chargeTranslation: string;
  crimeCategory: string;
  legalReference: string;
  warrantDate: string;
  warrantAuthority: string;
};
export type DisappearanceRow = { date: string; place: string; country: string; circumstances: string; countriesLikelyToBeVisited: string };

/**
 * Every value as the officer typed it (strings, so a bad number comes back exactly as entered); rows hold only what
 * was filled in, blank rows are the view's to add.
 */
export type RequestForm = {
  nationalReference: string;
  familyName: string;
  forename: string;
  nameOriginal: string;
  sex: string;
  dateOfBirth: string;
  placeOfBirth: string;
  countryOfBirth: string;
  nationalities: string[];
  languages: string;
  heightM: string;
  weightKg: string;
  eyeColors: string[];
  hairColors: string[];
  distinguishingMarks: string;
  fatherName: string;
  fatherForename: string;
  motherName: string;
  motherForename: string;
  birthName: string;
  aliases: AliasRow[];
  documents: DocumentRow[];
  warrants: WarrantRow[];
  armedOrDangerous: boolean;
  disappearance: DisappearanceRow;
  consent: boolean;
  publicFields: string[];
};

/** The form's scalar text fields, named as the facts they hold. */
const textFields = [
  'nationalReference',
  'familyName',
  'forename',
  'nameOriginal',
  'sex',
  'dateOfBirth',
  'placeOfBirth',
  'countryOfBirth',
  'languages',
  'heightM',
  'weightKg',
  'distinguishingMarks',
  'fatherName',
  'fatherForename',
  'motherName',
  'motherForename',
  'birthName',
] as const;

const aliasKeys = ['familyName', 'forename'] as const;
const documentKeys = ['kind', 'number', 'country'] as const;
const warrantKeys = ['issuingCountry', 'charge', 'chargeTranslation', 'crimeCategory', 'legalReference', 'warrantDate', 'warrantAuthority'] as const;
const disappearanceKeys = ['date', 'place', 'country', 'circumstances', 'countriesLikelyToBeVisited'] as const;

const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
const checked = (v: unknown): boolean => str(v) !== '';

const allEmpty = (values: string[]): boolean => values.every((v) => v.trim() === '');

/**
 * Reads the posted form. Blank rows are dropped here, so the rows shown again are numbered as the facts are and a
 * problem of `warrants.1` lands on the second row on screen. A warrant row's issuing country alone (the view fills
 * it in) or a document's kind alone does not make a row.
 */
export function readRequestForm(body: Body): RequestForm {
  const text = Object.fromEntries(textFields.map((f) => [f, str(body[f])])) as Record<(typeof textFields)[number], string>;
  return {
    ...text,
    nationalities: list(body.nationalities),
    eyeColors: list(body.eyeColors),
    hairColors: list(body.hairColors),
    aliases: rows(body, 'aliases', aliasKeys, (r) => allEmpty([r.familyName, r.forename])),
    documents: rows(body, 'documents', documentKeys, (r) => allEmpty([r.number, r.country])),
    warrants: rows(body, 'warrants', warrantKeys, (r) =>
      allEmpty([r.charge, r.chargeTranslation, r.crimeCategory, r.legalReference, r.warrantDate, r.warrantAuthority]),
    ),
    armedOrDangerous: checked(body.armedOrDangerous),
    disappearance: Object.fromEntries(disappearanceKeys.map((k) => [k, str(body[`disappearance.${k}`])])) as DisappearanceRow,
    consent: checked(body['publicExtract.consent']),
    publicFields: list(body['publicExtract.fields']),
  };
}

const orNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());
const codes = (v: string): string[] => v.split(/[\s,;]+/).filter(Boolean).map((c) => c.toUpperCase());

/** A decimal as officers write it, with a point or a comma; null for an empty field, NaN for anything else. */
export function parseDecimal(v: string): number | null {
  const s = v.trim().replace(',', '.');
  if (s === '') return null;
  return /^\d{1,4}(\.\d{1,3})?$/.test(s) ? Number(s) : Number.NaN;
}

export type FormFacts = {
  /** The facts to save, in the shape the use case reads (still unchecked against the facts' own rules). */
  facts: Record<string, unknown>;
  /** What the form itself could not read (a number that is not one); those facts are left empty in `facts`. */
  problems: FieldIssue[];
};

/** The facts a form holds for a request of `kind`: parts that do not belong to the kind are left out. */
export function factsFromForm(form: RequestForm, kind: 'wanted' | 'missing'): FormFacts {
  const problems: FieldIssue[] = [];
  const number = (field: 'heightM' | 'weightKg'): number | null => {
    const n = parseDecimal(form[field]);
    if (Number.isNaN(n)) {
      problems.push({ field, message: 'requests.form.error.number' });
      return null;
    }
    return n;
  };
  const warrants =
    kind === 'wanted'
      ? form.warrants.map((w, i) => {
          if (w.issuingCountry.trim() === '') problems.push({ field: `warrants.${i}.issuingCountry`, message: 'requests.form.error.issuing_country_missing' });
          return {
            issuingCountry: w.issuingCountry.trim(),
            charge: w.charge,
            chargeTranslation: orNull(w.chargeTranslation),
            crimeCategory: orNull(w.crimeCategory),
            legalReference: orNull(w.legalReference),
            warrantDate: orNull(w.warrantDate),
            warrantAuthority: orNull(w.warrantAuthority),
          };
        })
      : [];
  const d = form.disappearance;
  const facts: Record<string, unknown> = {
    kind,
    nationalReference: form.nationalReference,
    familyName: form.familyName,
    forename: form.forename,
    nameOriginal: orNull(form.nameOriginal),
    aliases: form.aliases.map((a) => ({ familyName: a.familyName, forename: a.forename })),
    sex: form.sex === '' ? 'U' : form.sex,
    dateOfBirth: orNull(form.dateOfBirth),
    placeOfBirth: orNull(form.placeOfBirth),
    countryOfBirth: orNull(form.countryOfBirth),
    nationalities: form.nationalities,
    languages: codes(form.languages),
    heightM: number('heightM'),
    weightKg: number('weightKg'),
    eyeColors: form.eyeColors,
    hairColors: form.hairColors,
    distinguishingMarks: orNull(form.distinguishingMarks),
    fatherName: orNull(form.fatherName),
    fatherForename: orNull(form.fatherForename),
    motherName: orNull(form.motherName),
    motherForename: orNull(form.motherForename),
    birthName: orNull(form.birthName),
    documents: form.documents.map((doc) => ({ kind: doc.kind === '' ? 'other' : doc.kind, number: doc.number, country: orNull(doc.country) })),
    warrants,
    armedOrDangerous: kind === 'wanted' && form.armedOrDangerous,
    disappearance:
      kind === 'missing'
        ? {
            date: orNull(d.date),
            place: orNull(d.place),
            country: orNull(d.country),
            circumstances: orNull(d.circumstances),
            countriesLikelyToBeVisited: codes(d.countriesLikelyToBeVisited),
          }
        : null,
    publicExtract: { consent: form.consent, fields: form.publicFields },
  };
  return { facts, problems };
}

const shown = (v: string | null): string => v ?? '';
const decimal = (n: number | null): string => (n === null ? '' : String(n));

/** The form filled with saved facts. */
export function formFromFacts(f: RequestFacts): RequestForm {
  return {
    nationalReference: f.nationalReference,
    familyName: f.familyName,
    forename: f.forename,
    nameOriginal: shown(f.nameOriginal),
    sex: f.sex,
    dateOfBirth: shown(f.dateOfBirth),
    placeOfBirth: shown(f.placeOfBirth),
    countryOfBirth: shown(f.countryOfBirth),
    nationalities: [...f.nationalities],
    languages: f.languages.join(', '),
    heightM: decimal(f.heightM),
    weightKg: decimal(f.weightKg),
    eyeColors: [...f.eyeColors],
    hairColors: [...f.hairColors],
    distinguishingMarks: shown(f.distinguishingMarks),
    fatherName: shown(f.fatherName),
    fatherForename: shown(f.fatherForename),
    motherName: shown(f.motherName),
    motherForename: shown(f.motherForename),
    birthName: shown(f.birthName),
    aliases: f.aliases.map((a) => ({ familyName: a.familyName, forename: a.forename })),
    documents: f.documents.map((d) => ({ kind: d.kind, number: d.number, country: shown(d.country) })),
    warrants: f.warrants.map((w) => ({
      issuingCountry: w.issuingCountry,
      charge: w.charge,
      chargeTranslation: shown(w.chargeTranslation),
      crimeCategory: shown(w.crimeCategory),
      legalReference: shown(w.legalReference),
      warrantDate: shown(w.warrantDate),
      warrantAuthority: shown(w.warrantAuthority),
    })),
    armedOrDangerous: f.armedOrDangerous,
    disappearance: {
      date: shown(f.disappearance?.date ?? null),
      place: shown(f.disappearance?.place ?? null),
      country: shown(f.disappearance?.country ?? null),
      circumstances: shown(f.disappearance?.circumstances ?? null),
      countriesLikelyToBeVisited: (f.disappearance?.countriesLikelyToBeVisited ?? []).join(', '),
    },
    consent: f.publicExtract.consent,
    publicFields: [...f.publicExtract.fields],
  };
}

/** Input id of a field path (`warrants.0.warrantDate` → `f-warrants-0-warrantDate`), as the view names its controls. */
export const inputId = (path: string): string => `f-${path.replaceAll('.', '-')}`;

const textLists = new Set(['languages', 'eyeColors', 'hairColors']);
const rowLists = new Set(['aliases', 'documents', 'warrants']);

/**
 * Where a problem of a fact is shown: its own input, or the one control or group that holds a list typed as text or
 * ticked as boxes (`languages.2` is in the one languages field; `eyeColors.0` in the eye-colour group); a problem of a
 * list of rows as a whole (none, too many) on the rows' group.
 */
export function inputIdOf(field: string): string {
  const parts = field.split('.');
  const [head = '', second] = parts;
  if (textLists.has(head)) return inputId(head);
  if (rowLists.has(head)) return parts.length >= 3 ? inputId(field) : inputId(head);
  if (head === 'nationalities') return inputId(`nationalities.${second ?? '0'}`);
  if (head === 'disappearance') return inputId(second === undefined ? 'disappearance' : `disappearance.${second}`);
  if (head === 'publicExtract') return inputId(second === 'fields' ? 'publicExtract.fields' : 'publicExtract.consent');
  return inputId(field);
}
