/** The GET search form of the notice list: works without JavaScript, every control labelled, errors tied to their field. */
import { countryOptions, officeCountryOptions } from '../../../core/countries.ts';
import { crimeCategoryCodes } from '../../../core/crime-categories.ts';
import { noticeKinds, noticeSorts, sexes } from '../../../core/notices.ts';
import { raw } from 'hono/html';
import { KeptValues } from '../../../core/lru.ts';
import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Translator } from '../../../i18n/i18n.ts';
import { escapeHtml } from '../../escape-html.ts';
import { encoded } from '../../jsx/jsx-runtime.ts';
import { localPath } from '../layout.tsx';
import { crimeLabel, kindLabel, sexLabel } from './labels.ts';

/** Localised problems by field name (`page`, `perPage` have no control and show in the summary only). */
export type FormErrors = ReadonlyMap<string, string>;

type FormProps = { tr: Translator; values: Readonly<Record<string, string>>; errors: FormErrors };

/** The nationalities to offer (those published notices hold), or null for every country. */
export type HeldNationalities = readonly string[] | null;

const fieldId = (name: string) => `f-${name}`;
const errorId = (name: string) => `e-${name}`;
const controls = new Set(['kind', 'familyName', 'forename', 'nationality', 'ageMin', 'ageMax', 'sex', 'wantedBy', 'crime', 'q', 'sort']);

/** Attributes linking a control to its hint and error, so screen readers read both with the label. */
function described(props: FormProps, name: string, hintId?: string) {
  const error = props.errors.has(name);
  const ids = [hintId, error ? errorId(name) : undefined].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': error ? 'true' : undefined };
}

function FieldError(props: FormProps & { name: string }) {
  const message = props.errors.get(props.name);
  return message ? (
    <p class="field-error" id={errorId(props.name)}>
      <span class="visually-hidden">{props.tr.t('notices.error.prefix')} </span>
      {message}
    </p>
  ) : null;
}

export function ErrorSummary(props: { tr: Translator; errors: FormErrors }) {
  if (props.errors.size === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{props.tr.t('notices.error.summary')}</h2>
      <ul>
        {[...props.errors].map(([name, message]) => (
          <li>{controls.has(name) ? <a href={`#${fieldId(name)}`}>{message}</a> : message}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Controls rendered once per translator, control and value, and kept with their bytes: a search's state is new as a
 * whole but repeats control by control (a sex, a nationality, an age). Only values that passed validation are kept,
 * from a bounded set (choices, whole numbers, empty text): a typed name is the visitor's own and never repeats much.
 * A form with errors is rendered afresh, since its controls carry the messages.
 */
const MAX_KEPT_CONTROLS = 4096;
const keptControls = new WeakMap<Translator, KeptValues<HtmlEscapedString>>();

function keptControl(props: FormProps, name: string, source: unknown, render: () => Child): Child {
  if (props.errors.size > 0) return render();
  let kept = keptControls.get(props.tr);
  if (!kept) keptControls.set(props.tr, (kept = new KeptValues(MAX_KEPT_CONTROLS)));
  return kept.get(`${name}\u0000${props.values[name] ?? ''}`, source, () => encoded(String(render())));
}

function TextField(props: FormProps & { name: string; label: string; maxlength: number; hint?: string; numeric?: boolean }) {
  const render = () => <TextControl {...props} />;
  return props.numeric || (props.values[props.name] ?? '') === '' ? keptControl(props, props.name, undefined, render) : render();
}

function TextControl(props: FormProps & { name: string; label: string; maxlength: number; hint?: string; numeric?: boolean }) {
  const hintId = props.hint ? `h-${props.name}` : undefined;
  return (
    <div class={props.errors.has(props.name) ? 'field has-error' : 'field'}>
      <label for={fieldId(props.name)}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <FieldError {...props} />
      <input
        type="text"
        id={fieldId(props.name)}
        name={props.name}
        value={props.values[props.name] ?? ''}
        maxlength={props.numeric ? undefined : props.maxlength}
        inputmode={props.numeric ? 'numeric' : undefined}
        size={props.numeric ? 4 : undefined}
        autocomplete="off"
        spellcheck={props.numeric ? undefined : false}
        {...described(props, props.name, hintId)}
      />
    </div>
  );
}

type Option = { value: string; label: string };

/**
 * A list's options rendered once per language and list (the country lists alone are several hundred elements), and
 * again when the list given changes (`source`: the nationalities held, one array until they change).
 */
type RenderedOptions = { values: readonly string[]; html: readonly string[]; all: HtmlEscapedString };
/** Lists kept at most: a few lists in each language. */
const MAX_RENDERED_LISTS = 256;
const renderedOptions = new KeptValues<RenderedOptions>(MAX_RENDERED_LISTS);

function optionsHtml(key: string, options: () => readonly Option[], current: string, source: unknown): HtmlEscapedString {
  const rendered = renderedOptions.get(key, source, () => {
    const list = options();
    const html = list.map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.label)}</option>`);
    return { values: list.map((o) => o.value), html, all: encoded(html.join('')) };
  });
  const at = current === '' ? -1 : rendered.values.indexOf(current);
  if (at < 0) return rendered.all;
  const selected = rendered.html[at]!.replace('">', '" selected="">');
  return raw([...rendered.html.slice(0, at), selected, ...rendered.html.slice(at + 1)].join(''));
}

type SelectProps = FormProps & { name: string; label: string; options: () => readonly Option[]; anyLabel?: string; source?: unknown };

function SelectField(props: SelectProps) {
  return keptControl(props, props.name, props.source, () => <SelectControl {...props} />);
}

function SelectControl(props: SelectProps) {
  const current = props.values[props.name] ?? '';
  return (
    <div class={props.errors.has(props.name) ? 'field has-error' : 'field'}>
      <label for={fieldId(props.name)}>{props.label}</label>
      <FieldError {...props} />
      <select id={fieldId(props.name)} name={props.name} {...described(props, props.name)}>
        {props.anyLabel !== undefined ? <option value="">{props.anyLabel}</option> : null}
        {optionsHtml(`${props.tr.lang}:${props.name}`, props.options, current, props.source)}
      </select>
    </div>
  );
}

/** Filters inside the folding part of the form. */
const moreFilters = ['sex', 'nationality', 'ageMin', 'ageMax', 'wantedBy', 'crime', 'sort'];

/** Whether a field holds a choice of the visitor's (the default order is none). */
const inUse = (values: Readonly<Record<string, string>>, name: string): boolean =>
  values[name] !== undefined && values[name] !== '' && !(name === 'sort' && values[name] === 'newest');

/** The nationality choices: the held ones, and the one asked for even when no one holds it, so the form shows it. */
function nationalityOptions(lang: string, held: HeldNationalities, current: string): Option[] {
  const all = countryOptions(lang).map((c) => ({ value: c.code, label: c.name }));
  if (held === null) return all;
  const offered = new Set(held);
  return all.filter((o) => offered.has(o.value) || o.value === current);
}

function KindChoice(props: FormProps) {
  const { tr } = props;
  const t = tr.t;
  const kind = props.values.kind ?? '';
  return (
    <fieldset class={props.errors.has('kind') ? 'kinds has-error' : 'kinds'} aria-describedby={props.errors.has('kind') ? errorId('kind') : undefined}>
      <legend>{t('notices.field.kind')}</legend>
      <FieldError {...props} name="kind" />
      {['', ...noticeKinds].map((k) => (
        <label class="choice">
          <input type="radio" name="kind" value={k} checked={k === kind} id={k === '' ? fieldId('kind') : undefined} />
          <span>{k === '' ? t('notices.kind.all') : kindLabel(tr, k as (typeof noticeKinds)[number])}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function SearchForm(props: FormProps & { nationalities: HeldNationalities }) {
  const { tr } = props;
  const nationality = props.values.nationality ?? '';
  // A choice outside the held list makes a list of its own, not kept (it is rare: an old link).
  const nationalitySource = props.nationalities === null || nationality === '' || props.nationalities.includes(nationality) ? props.nationalities : {};
  const t = tr.t;
  const any = t('notices.any');
  return (
    <form method="get" action={localPath(tr.lang, '/notices')} class="notice-search" role="search" aria-labelledby="search-title">
      <h2 id="search-title">{t('notices.search.title')}</h2>
      {keptControl(props, 'kind', undefined, () => (
        <KindChoice {...props} />
      ))}
      <fieldset>
        <legend>{t('notices.search.person')}</legend>
        <div class="field-row">
          <TextField {...props} name="familyName" label={t('notices.field.familyName')} maxlength={100} />
          <TextField {...props} name="forename" label={t('notices.field.forename')} maxlength={100} />
        </div>
        <TextField {...props} name="q" label={t('notices.field.q')} hint={t('notices.field.q_hint')} maxlength={200} />
      </fieldset>
      {/* The other filters fold away (a phone shows the results sooner), open whenever one of them is in use. */}
      <details class="more-filters" open={moreFilters.some((f) => inUse(props.values, f) || props.errors.has(f))}>
        <summary>{t('notices.search.more')}</summary>
        <div class="field-row">
          <SelectField {...props} name="sex" label={t('notices.field.sex')} anyLabel={any} options={() => sexes.map((s) => ({ value: s, label: sexLabel(tr, s) }))} />
          <SelectField
            {...props}
            name="nationality"
            label={t('notices.field.nationality')}
            anyLabel={any}
            options={() => nationalityOptions(tr.lang, props.nationalities, nationality)}
            source={nationalitySource}
          />
        </div>
        <fieldset class="age">
          <legend>{t('notices.field.age')}</legend>
          <div class="field-row">
            <TextField {...props} name="ageMin" label={t('notices.field.ageMin')} maxlength={3} numeric />
            <TextField {...props} name="ageMax" label={t('notices.field.ageMax')} maxlength={3} numeric />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('notices.search.wanted')}</legend>
          <div class="field-row">
            <SelectField
              {...props}
              name="wantedBy"
              label={t('notices.field.wantedBy')}
              anyLabel={any}
              options={() => officeCountryOptions(tr.lang).map((c) => ({ value: c.code, label: c.name }))}
            />
            <SelectField
              {...props}
              name="crime"
              label={t('notices.field.crime')}
              anyLabel={any}
              options={() => crimeCategoryCodes.map((code) => ({ value: code, label: crimeLabel(tr, code) }))}
            />
          </div>
        </fieldset>
        <SelectField {...props} name="sort" label={t('notices.field.sort')} options={() => noticeSorts.map((s) => ({ value: s, label: t(`notices.sort.${s}`) }))} />
      </details>
      {props.values.perPage ? <input type="hidden" name="perPage" value={props.values.perPage} /> : null}
      <div class="actions">
        <button type="submit">{t('notices.search.submit')}</button>
        <a href={localPath(tr.lang, '/notices')}>{t('notices.search.reset')}</a>
      </div>
    </form>
  );
}
