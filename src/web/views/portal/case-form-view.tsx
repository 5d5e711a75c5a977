/** The portal's form that opens a case: what it is about, who receives it, the first message with its handling and evaluation, and the persons, documents and vehicles it names. */
import { caseKinds, crimeAreas, handlingCodes, informationGrades, sourceGrades, urgencies } from '../../../core/cases.ts';
import { countryOptions } from '../../../core/countries.ts';
import { documentKinds } from '../../../core/notice-requests.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import type { CaseRecipient } from '../../../services/cases/list-case-recipients.ts';
import { blankRows, inputId, type CaseForm, type DocumentRow, type PersonRow, type RowList, type VehicleRow } from '../../portal/case-form.ts';
import { Checkbox, TextField, type SelectOption } from './parts/fields.tsx';
import { ChoiceGroup, Group, Select as FieldSelect, TextArea } from './parts/form-controls.tsx';

/** Messages to show beside controls, by form path (already in the reader's language). */
export type CaseFieldErrors = ReadonlyMap<string, string>;

export type CaseFormProps = {
  tr: Translator;
  csrfToken: string;
  action: string;
  form: CaseForm;
  errors: CaseFieldErrors;
  recipients: readonly CaseRecipient[];
  /** The list the officer asked one more row of. */
  more?: RowList | undefined;
};

/** A select named by its field's path, whose id follows from it. */
const Select = (props: { path: string; label: string; options: SelectOption[]; selected: string; error?: string | undefined; hint?: string }) => (
  <FieldSelect id={inputId(props.path)} name={props.path} label={props.label} options={props.options} selected={props.selected} error={props.error} {...(props.hint ? { hint: props.hint } : {})} />
);

function rowsShown<T>(rows: readonly T[], list: RowList, blank: T, more: RowList | undefined): T[] {
  return [...rows, ...Array.from({ length: blankRows[list] + (more === list ? 1 : 0) }, () => blank)];
}

/** The agencies by country, the office on its own first: it routes what an officer cannot address directly. */
function byCountry(recipients: readonly CaseRecipient[]): { office: CaseRecipient[]; countries: [string, CaseRecipient[]][] } {
  const countries = new Map<string, CaseRecipient[]>();
  for (const r of recipients.filter((a) => !a.isOffice)) countries.set(r.country, [...(countries.get(r.country) ?? []), r]);
  return { office: recipients.filter((a) => a.isOffice), countries: [...countries] };
}

export function CaseFormView(props: CaseFormProps) {
  const { tr, form, errors, more } = props;
  const t = tr.t;
  const err = (path: string) => errors.get(path);
  const field = (path: string) => t(`cases.field.${path.split('.').pop() ?? path}`);
  const text = (path: string, value: string, opts: { label?: string; hint?: string; maxlength?: number; autofocus?: boolean } = {}) => (
    <TextField
      id={inputId(path)}
      label={opts.label ?? field(path)}
      hint={opts.hint}
      error={err(path)}
      input={{ name: path, value, maxlength: opts.maxlength ?? 200, autocomplete: 'off', spellcheck: false, autofocus: opts.autofocus === true ? true : undefined }}
    />
  );
  const countries: SelectOption[] = [{ value: '', label: t('cases.form.choose_country') }, ...countryOptions(tr.lang).map((o) => ({ value: o.code, label: o.name }))];
  const choose = (label: string): SelectOption => ({ value: '', label });
  /** The first field of the row just added takes the focus, so the officer types on where they asked for room. */
  const added = (list: RowList, i: number, filled: number) => more === list && i === filled + blankRows[list];
  const persons = rowsShown<PersonRow>(form.persons, 'persons', { familyName: '', forename: '', nameOriginal: '', dateOfBirth: '', nationality: '' }, more);
  const documents = rowsShown<DocumentRow>(form.documents, 'documents', { kind: '', number: '', country: '' }, more);
  const vehicles = rowsShown<VehicleRow>(form.vehicles, 'vehicles', { registration: '', country: '', description: '' }, more);
  const moreButton = (list: RowList) => (
    <button type="submit" name="intent" value={`add_${list}`} class="secondary small">
      {t(`cases.form.add.${list}`)}
    </button>
  );
  const recipientBox = (a: CaseRecipient) => (
    <Checkbox
      id={`f-recipient-${a.id}`}
      name="recipientAgencyIds"
      value={a.id}
      label={a.isOffice ? t('cases.form.office_recipient', { name: a.name, code: a.code }) : t('cases.form.recipient', { name: a.name, code: a.code })}
      checked={form.recipientAgencyIds.includes(a.id)}
    />
  );
  const { office, countries: recipientCountries } = byCountry(props.recipients);
  const m = form.message;
  return (
    <form method="post" action={props.action} class="request-form case-form" id="case-form">
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      {/* First in the form, so Enter in any field sends the case rather than adding a row further down. */}
      <button type="submit" name="intent" value="open" class="visually-hidden" tabindex={-1} aria-hidden="true">
        {t('cases.form.submit')}
      </button>
      <Group id="f-about" legend={t('cases.form.section.about')}>
        <ChoiceGroup
          idPrefix={inputId('kind')}
          name="kind"
          type="radio"
          legend={field('kind')}
          error={err('kind')}
          options={caseKinds.map((k) => ({ value: k, label: t(`cases.kind.${k}`), checked: form.kind === k }))}
        />
        {text('subject', form.subject, { hint: t('cases.form.hint.subject'), maxlength: 300 })}
        {text('nationalReference', form.nationalReference, { hint: t('cases.form.hint.national_reference'), maxlength: 100 })}
        <Select
          path="crimeArea"
          label={field('crimeArea')}
          options={[choose(t('cases.form.choose')), ...crimeAreas.map((a) => ({ value: a, label: t(`cases.crime_area.${a}`) }))]}
          selected={form.crimeArea}
          error={err('crimeArea')}
        />
        <ChoiceGroup
          idPrefix={inputId('urgency')}
          name="urgency"
          type="radio"
          legend={field('urgency')}
          hint={t('cases.form.hint.urgency')}
          error={err('urgency')}
          options={urgencies.map((u) => ({ value: u, label: t('cases.form.urgency_option', { urgency: t(`cases.urgency.${u}`), deadline: t(`cases.urgency.${u}.deadline`) }), checked: form.urgency === u }))}
        />
      </Group>

      <Group id={inputId('recipientAgencyIds')} legend={field('recipientAgencyIds')} hint={t('cases.form.hint.recipients')} error={err('recipientAgencyIds')}>
        {office.length > 0 ? (
          <fieldset class="plain">
            <legend>{t('cases.form.office_group')}</legend>
            {office.map(recipientBox)}
          </fieldset>
        ) : null}
        {recipientCountries.map(([country, agencies]) => (
          <fieldset class="plain">
            <legend>{tr.country(country)}</legend>
            <div class="checkbox-grid wide">{agencies.map(recipientBox)}</div>
          </fieldset>
        ))}
        {props.recipients.length === 0 ? <p>{t('cases.form.no_recipients')}</p> : null}
      </Group>

      <Group id="f-message" legend={field('message')}>
        <TextArea id={inputId('message.body')} name="message.body" label={field('body')} value={m.body} error={err('message.body')} maxlength={20_000} rows={8} />
        <ChoiceGroup
          idPrefix={inputId('message.handlingCode')}
          name="message.handlingCode"
          type="radio"
          legend={field('handlingCode')}
          hint={t('cases.form.hint.handling_code')}
          error={err('message.handlingCode')}
          options={handlingCodes.map((h) => ({ value: h, label: t('cases.form.graded_option', { code: t(`cases.handling.${h}`), meaning: t(`cases.handling.${h}.meaning`) }), checked: m.handlingCode === h }))}
        />
        {/* Always present, so the form works without a script; the rules ask for it only with H3. */}
        <TextArea
          id={inputId('message.restriction')}
          name="message.restriction"
          label={field('restriction')}
          hint={t('cases.form.hint.restriction')}
          value={m.restriction}
          error={err('message.restriction')}
          maxlength={1000}
          rows={2}
        />
        <div class="row-fields">
          <Select
            path="message.sourceGrade"
            label={field('sourceGrade')}
            options={[choose(t('cases.form.choose')), ...sourceGrades.map((g) => ({ value: g, label: t('cases.form.graded_option', { code: t(`cases.source.${g}`), meaning: t(`cases.source.${g}.meaning`) }) }))]}
            selected={m.sourceGrade}
            error={err('message.sourceGrade')}
          />
          <Select
            path="message.informationGrade"
            label={field('informationGrade')}
            options={[
              choose(t('cases.form.choose')),
              ...informationGrades.map((g) => ({ value: g, label: t('cases.form.graded_option', { code: t(`cases.information.${g}`), meaning: t(`cases.information.${g}.meaning`) }) })),
            ]}
            selected={m.informationGrade}
            error={err('message.informationGrade')}
          />
        </div>
      </Group>

      <Group id={inputId('entities')} legend={field('entities')} hint={t('cases.form.hint.entities')} error={err('entities')}>
        <fieldset class="plain">
          <legend>{t('cases.form.persons')}</legend>
          <ol class="form-rows">
            {persons.map((p, i) => (
              <li>
                <fieldset class="row">
                  <legend>{t('cases.form.row.persons', { n: i + 1 })}</legend>
                  <div class="row-fields">
                    {text(`persons.${i}.familyName`, p.familyName, { autofocus: added('persons', i, form.persons.length) })}
                    {text(`persons.${i}.forename`, p.forename)}
                  </div>
                  {text(`persons.${i}.nameOriginal`, p.nameOriginal, { hint: t('cases.form.hint.name_original'), maxlength: 300 })}
                  <div class="row-fields">
                    {text(`persons.${i}.dateOfBirth`, p.dateOfBirth, { hint: t('cases.form.hint.partial_date'), maxlength: 10 })}
                    <Select path={`persons.${i}.nationality`} label={field('nationality')} options={countries} selected={p.nationality} error={err(`persons.${i}.nationality`)} />
                  </div>
                </fieldset>
              </li>
            ))}
          </ol>
          {moreButton('persons')}
        </fieldset>
        <fieldset class="plain">
          <legend>{t('cases.form.documents')}</legend>
          <ol class="form-rows">
            {documents.map((d, i) => (
              <li>
                <fieldset class="row">
                  <legend>{t('cases.form.row.documents', { n: i + 1 })}</legend>
                  <div class="row-fields">
                    <Select
                      path={`documents.${i}.kind`}
                      label={t('cases.form.document_kind')}
                      options={[choose(t('cases.form.choose')), ...documentKinds.map((k) => ({ value: k, label: t(`requests.document.${k}`) }))]}
                      selected={d.kind}
                      error={err(`documents.${i}.kind`)}
                    />
                    {text(`documents.${i}.number`, d.number, { maxlength: 60, autofocus: added('documents', i, form.documents.length) })}
                  </div>
                  <Select path={`documents.${i}.country`} label={t('cases.form.issuing_country')} options={countries} selected={d.country} error={err(`documents.${i}.country`)} />
                </fieldset>
              </li>
            ))}
          </ol>
          {moreButton('documents')}
        </fieldset>
        <fieldset class="plain">
          <legend>{t('cases.form.vehicles')}</legend>
          <ol class="form-rows">
            {vehicles.map((v, i) => (
              <li>
                <fieldset class="row">
                  <legend>{t('cases.form.row.vehicles', { n: i + 1 })}</legend>
                  <div class="row-fields">
                    {text(`vehicles.${i}.registration`, v.registration, { maxlength: 20, autofocus: added('vehicles', i, form.vehicles.length) })}
                    <Select path={`vehicles.${i}.country`} label={t('cases.form.registration_country')} options={countries} selected={v.country} error={err(`vehicles.${i}.country`)} />
                  </div>
                  {text(`vehicles.${i}.description`, v.description, { hint: t('cases.form.hint.vehicle'), maxlength: 300 })}
                </fieldset>
              </li>
            ))}
          </ol>
          {moreButton('vehicles')}
        </fieldset>
      </Group>

      <Group id="f-links" legend={t('cases.form.section.links')}>
        {text('linkedRequests', form.linkedRequests, { label: field('linkedRequestIds'), hint: t('cases.form.hint.linked_requests'), maxlength: 600 })}
      </Group>

      <div class="button-group form-actions">
        <button type="submit" name="intent" value="open">
          {t('cases.form.submit')}
        </button>
      </div>
    </form>
  );
}
