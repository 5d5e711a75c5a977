/** The notice-request form of the portal: every fact in fieldsets, rows that grow without JavaScript, photos, and each problem beside its field. */
import { countryOptions } from '../../../core/countries.ts';
import { crimeCategoryCodes, crimeCategoryMessageKey } from '../../../core/crime-categories.ts';
import { documentKinds, publicFields, type RequestPhoto } from '../../../core/notice-requests.ts';
import { sexes } from '../../../core/notices.ts';
import { eyeColors, hairColors } from '../../../core/physical.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { inputId, type AliasRow, type DocumentRow, type RequestForm, type WarrantRow } from '../../portal/request-form.ts';
import { Checkbox, TextField, type SelectOption } from './parts/fields.tsx';
import { describedBy, Group, Select, TextArea } from './parts/form-controls.tsx';

/** Messages to show beside controls, by input id (already in the reader's language). */
export type FieldErrors = ReadonlyMap<string, string>;

export type RowLists = 'aliases' | 'documents' | 'warrants';

export type RequestFormProps = {
  tr: Translator;
  csrfToken: string;
  kind: 'wanted' | 'missing';
  form: RequestForm;
  photos: readonly RequestPhoto[];
  errors: FieldErrors;
  /** The list the officer asked one more row of, shown with one blank row more than usual. */
  more?: RowLists | undefined;
  /** The issuing country a new warrant row starts with: the requesting agency's own. */
  homeCountry: string;
  paths: { save: string; submit: string; upload: string; remove: (photoId: string) => string; photo: (photoId: string) => string };
};

/** Blank rows offered below the filled ones: two other names (people often have several), one of the rest. */
const blankRows: Record<RowLists, number> = { aliases: 2, documents: 1, warrants: 1 };

function rowsShown<T>(rows: readonly T[], list: RowLists, blank: T, more: RowLists | undefined): T[] {
  return [...rows, ...Array.from({ length: blankRows[list] + (more === list ? 1 : 0) }, () => blank)];
}

/** The first control of the row added when the officer asked for one more, `filled` rows being saved: where the page opens. */
export function addedRowAnchor(list: RowLists, filled: number): string {
  const first: Record<RowLists, string> = { aliases: 'familyName', documents: 'kind', warrants: 'issuingCountry' };
  return inputId(`${list}.${filled + blankRows[list]}.${first[list]}`);
}

export function RequestFormView(props: RequestFormProps) {
  const { tr, form, errors, kind, more } = props;
  const t = tr.t;
  const label = (field: string) => t(`requests.field.${field}`);
  const err = (path: string) => errors.get(inputId(path));
  const text = (path: string, value: string, opts: { label?: string; hint?: string; maxlength?: number; inputmode?: 'decimal'; autocomplete?: string } = {}) => (
    <TextField
      id={inputId(path)}
      label={opts.label ?? label(path.split('.').pop() ?? path)}
      hint={opts.hint}
      error={err(path)}
      input={{ name: path, value, maxlength: opts.maxlength ?? 200, inputmode: opts.inputmode, autocomplete: opts.autocomplete ?? 'off', spellcheck: false }}
    />
  );
  const countries: SelectOption[] = [{ value: '', label: t('requests.form.choose_country') }, ...countryOptions(tr.lang).map((o) => ({ value: o.code, label: o.name }))];
  const country = (path: string, selected: string, fieldLabel: string) => (
    <Select id={inputId(path)} name={path} label={fieldLabel} options={countries} selected={selected} error={err(path)} />
  );
  const partialDateHint = t('requests.form.hint.partial_date');
  const nationalitySlots = Math.max(3, form.nationalities.length);
  const moreButton = (list: RowLists) => (
    <button type="submit" name="intent" value={`add_${list === 'aliases' ? 'alias' : list === 'documents' ? 'document' : 'warrant'}`} class="secondary small">
      {t(`requests.form.add.${list}`)}
    </button>
  );
  const aliases = rowsShown<AliasRow>(form.aliases, 'aliases', { familyName: '', forename: '' }, more);
  const documents = rowsShown<DocumentRow>(form.documents, 'documents', { kind: '', number: '', country: '' }, more);
  const warrants = rowsShown<WarrantRow>(
    form.warrants,
    'warrants',
    { issuingCountry: props.homeCountry, charge: '', chargeTranslation: '', crimeCategory: '', legalReference: '', warrantDate: '', warrantAuthority: '' },
    more,
  );
  return (
    <form method="post" action={props.paths.save} class="request-form" id="request-form">
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="kind" value={kind} />
      {/* First in the form, so Enter in any field saves the draft rather than pressing a button further down. */}
      <div class="button-group form-actions top">
        <button type="submit" name="intent" value="save">
          {t('requests.form.save')}
        </button>
      </div>
      <Group id="f-case" legend={t('requests.form.section.case')}>
        {text('nationalReference', form.nationalReference, { hint: t('requests.form.hint.reference'), maxlength: 100 })}
      </Group>

      <Group id="f-identity" legend={t('requests.form.section.identity')}>
        <div class="row-fields">
          {text('familyName', form.familyName, { autocomplete: 'off' })}
          {text('forename', form.forename)}
        </div>
        {text('nameOriginal', form.nameOriginal, { hint: t('requests.form.hint.name_original'), maxlength: 300 })}
        <div class="row-fields">
          <Select id={inputId('sex')} name="sex" label={label('sex')} options={sexes.map((s) => ({ value: s, label: t(`sex.${s}`) }))} selected={form.sex || 'U'} error={err('sex')} />
          {text('dateOfBirth', form.dateOfBirth, { hint: partialDateHint, maxlength: 10 })}
        </div>
        <div class="row-fields">
          {text('placeOfBirth', form.placeOfBirth, { maxlength: 300 })}
          {country('countryOfBirth', form.countryOfBirth, label('countryOfBirth'))}
        </div>
        <Group id="f-nationalities" legend={label('nationalities')} class="plain" error={err('nationalities')}>
          <div class="row-fields">
            {Array.from({ length: nationalitySlots }, (_, i) => (
              <Select
                id={inputId(`nationalities.${i}`)}
                name="nationalities"
                label={t('requests.form.nationality_n', { n: i + 1 })}
                options={countries}
                selected={form.nationalities[i] ?? ''}
                error={err(`nationalities.${i}`)}
              />
            ))}
          </div>
        </Group>
        {text('languages', form.languages, { hint: t('requests.form.hint.languages'), maxlength: 200 })}
        <div class="row-fields">
          {text('fatherName', form.fatherName)}
          {text('fatherForename', form.fatherForename)}
          {text('motherName', form.motherName)}
          {text('motherForename', form.motherForename)}
        </div>
        {text('birthName', form.birthName)}
      </Group>

      <Group id="f-aliases" legend={label('aliases')} hint={t('requests.form.hint.aliases')} error={err('aliases')}>
        <ol class="form-rows">
          {aliases.map((a, i) => (
            <li>
              <div class="row-fields">
                {text(`aliases.${i}.familyName`, a.familyName, { label: t('requests.form.alias_family', { n: i + 1 }) })}
                {text(`aliases.${i}.forename`, a.forename, { label: t('requests.form.alias_forename', { n: i + 1 }) })}
              </div>
            </li>
          ))}
        </ol>
        {moreButton('aliases')}
      </Group>

      <Group id="f-documents" legend={label('documents')} error={err('documents')}>
        <ol class="form-rows">
          {documents.map((d, i) => (
            <li>
              <div class="row-fields">
                <Select
                  id={inputId(`documents.${i}.kind`)}
                  name={`documents.${i}.kind`}
                  label={t('requests.form.document_kind', { n: i + 1 })}
                  options={[{ value: '', label: t('requests.form.choose') }, ...documentKinds.map((k) => ({ value: k, label: t(`requests.document.${k}`) }))]}
                  selected={d.kind}
                  error={err(`documents.${i}.kind`)}
                />
                {text(`documents.${i}.number`, d.number, { label: t('requests.form.document_number', { n: i + 1 }), maxlength: 60 })}
                {country(`documents.${i}.country`, d.country, t('requests.form.document_country', { n: i + 1 }))}
              </div>
            </li>
          ))}
        </ol>
        {moreButton('documents')}
      </Group>

      <Group id="f-description" legend={t('requests.form.section.description')}>
        <div class="row-fields">
          {text('heightM', form.heightM, { hint: t('requests.form.hint.height'), inputmode: 'decimal', maxlength: 10 })}
          {text('weightKg', form.weightKg, { hint: t('requests.form.hint.weight'), inputmode: 'decimal', maxlength: 10 })}
        </div>
        <Group id="f-eyeColors" legend={label('eyeColors')} class="plain" error={err('eyeColors')}>
          <div class="checkbox-grid">
            {eyeColors.map((code) => (
              <Checkbox id={`f-eyeColors-${code}`} name="eyeColors" value={code} label={t(`eyes.${code}`)} checked={form.eyeColors.includes(code)} />
            ))}
          </div>
        </Group>
        <Group id="f-hairColors" legend={label('hairColors')} class="plain" error={err('hairColors')}>
          <div class="checkbox-grid">
            {hairColors.map((code) => (
              <Checkbox id={`f-hairColors-${code}`} name="hairColors" value={code} label={t(`hair.${code}`)} checked={form.hairColors.includes(code)} />
            ))}
          </div>
        </Group>
        <TextArea id={inputId('distinguishingMarks')} name="distinguishingMarks" label={label('distinguishingMarks')} value={form.distinguishingMarks} error={err('distinguishingMarks')} maxlength={2000} />
      </Group>

      {kind === 'wanted' ? (
        <Group id="f-warrants" legend={label('warrants')} hint={t('requests.form.hint.warrants')} error={err('warrants')}>
          <ol class="form-rows">
            {warrants.map((w, i) => (
              <li>
                <fieldset class="row">
                  <legend>{t('requests.form.warrant_n', { n: i + 1 })}</legend>
                  <div class="row-fields">
                    {country(`warrants.${i}.issuingCountry`, w.issuingCountry, label('issuingCountry'))}
                    <Select
                      id={inputId(`warrants.${i}.crimeCategory`)}
                      name={`warrants.${i}.crimeCategory`}
                      label={label('crimeCategory')}
                      options={[{ value: '', label: t('requests.form.choose') }, ...crimeCategoryCodes.map((code) => ({ value: code, label: t(crimeCategoryMessageKey(code)) }))]}
                      selected={w.crimeCategory}
                      error={err(`warrants.${i}.crimeCategory`)}
                    />
                  </div>
                  <TextArea id={inputId(`warrants.${i}.charge`)} name={`warrants.${i}.charge`} label={label('charge')} value={w.charge} error={err(`warrants.${i}.charge`)} maxlength={2000} rows={2} />
                  <TextArea
                    id={inputId(`warrants.${i}.chargeTranslation`)}
                    name={`warrants.${i}.chargeTranslation`}
                    label={label('chargeTranslation')}
                    value={w.chargeTranslation}
                    error={err(`warrants.${i}.chargeTranslation`)}
                    maxlength={2000}
                    rows={2}
                  />
                  <div class="row-fields">
                    {text(`warrants.${i}.legalReference`, w.legalReference, { maxlength: 300 })}
                    {text(`warrants.${i}.warrantDate`, w.warrantDate, { hint: partialDateHint, maxlength: 10 })}
                  </div>
                  {text(`warrants.${i}.warrantAuthority`, w.warrantAuthority, { maxlength: 300 })}
                </fieldset>
              </li>
            ))}
          </ol>
          {moreButton('warrants')}
          <Checkbox id={inputId('armedOrDangerous')} name="armedOrDangerous" value="1" label={label('armedOrDangerous')} checked={form.armedOrDangerous} />
        </Group>
      ) : (
        <Group id="f-disappearance" legend={label('disappearance')} error={err('disappearance')}>
          <div class="row-fields">
            {text('disappearance.date', form.disappearance.date, { hint: partialDateHint, maxlength: 10 })}
            {country('disappearance.country', form.disappearance.country, t('requests.form.disappearance_country'))}
          </div>
          {text('disappearance.place', form.disappearance.place, { maxlength: 300 })}
          <TextArea
            id={inputId('disappearance.circumstances')}
            name="disappearance.circumstances"
            label={label('circumstances')}
            value={form.disappearance.circumstances}
            error={err('disappearance.circumstances')}
            maxlength={4000}
            rows={4}
          />
          {text('disappearance.countriesLikelyToBeVisited', form.disappearance.countriesLikelyToBeVisited, { hint: t('requests.form.hint.country_codes'), maxlength: 100 })}
        </Group>
      )}

      <Group id="f-photos" legend={label('photos')} hint={t('requests.form.hint.photos')} error={errors.get('f-photo')}>
        {props.photos.length > 0 ? (
          <ul class="request-photos">
            {props.photos.map((p, i) => (
              <li>
                <img src={props.paths.photo(p.id)} alt={t('requests.form.photo_alt', { n: i + 1 })} width={p.sizes.thumb?.width} height={p.sizes.thumb?.height} />
                <button type="submit" formaction={props.paths.remove(p.id)} class="warning small">
                  {t('requests.form.photo_remove', { n: i + 1 })}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('requests.form.no_photos')}</p>
        )}
        <div class="field">
          <label for="f-photo">{t('requests.form.photo_choose')}</label>
          <input id="f-photo" type="file" name="photo" accept="image/jpeg,image/png,image/webp" aria-describedby={describedBy('f-photos-hint', errors.get('f-photo') && 'f-photos-error')} />
        </div>
        <button type="submit" name="intent" value="upload" formaction={props.paths.upload} formenctype="multipart/form-data" class="secondary">
          {t('requests.form.photo_upload')}
        </button>
      </Group>

      <Group id="f-publicExtract" legend={label('publicExtract')} hint={t('requests.form.hint.public')}>
        <Checkbox id={inputId('publicExtract.consent')} name="publicExtract.consent" value="1" label={t('requests.form.consent')} checked={form.consent} />
        <Group id={inputId('publicExtract.fields')} legend={label('fields')} class="plain" error={err('publicExtract.fields')}>
          <div class="checkbox-grid wide">
            {publicFields
              .filter((f) => kind === 'missing' || f !== 'disappearance')
              .map((f) => (
                <Checkbox id={`f-public-${f}`} name="publicExtract.fields" value={f} label={t(`requests.public_field.${f}`)} checked={form.publicFields.includes(f)} />
              ))}
          </div>
        </Group>
      </Group>

      <div class="button-group form-actions">
        <button type="submit" name="intent" value="save">
          {t('requests.form.save')}
        </button>
        <button type="submit" name="intent" value="check" class="secondary">
          {t('requests.form.check')}
        </button>
        <button type="submit" name="intent" value="submit" formaction={props.paths.submit} class="secondary">
          {t('requests.form.submit')}
        </button>
      </div>
    </form>
  );
}
