/** Form controls of the portal's longer forms, each with its label, hint and error tied by aria-describedby: a select that can be refused, a multi-line field, a fieldset with its own error, a group of choices. */
import type { Child } from 'hono/jsx';
import type { SelectOption } from './fields.tsx';

export const describedBy = (...ids: (string | false | undefined)[]): string | undefined => ids.filter(Boolean).join(' ') || undefined;

export function ErrorText(props: { id: string; error: string | undefined }) {
  return props.error ? (
    <strong id={`${props.id}-error`} class="field-error">
      {props.error}
    </strong>
  ) : null;
}

/** A select with an error state (the shared `SelectField` has none), for choices the server can still refuse. */
export function Select(props: { id: string; name: string; label: string; options: readonly SelectOption[]; selected?: string | undefined; error?: string | undefined; hint?: string; required?: boolean }) {
  const { id, error, hint } = props;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {hint ? (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      ) : null}
      <ErrorText id={id} error={error} />
      <select id={id} name={props.name} required={props.required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A fieldset whose problem as a whole (no warrant, too many rows) is said under its legend; its id is what the summary links to. */
export function Group(props: { id: string; legend: string; error?: string | undefined; hint?: string; class?: string; children: Child }) {
  const { id, error, hint } = props;
  return (
    <fieldset id={id} class={[props.class, error ? 'has-error' : undefined].filter(Boolean).join(' ') || undefined} aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}>
      <legend>{props.legend}</legend>
      {hint ? (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      ) : null}
      <ErrorText id={id} error={error} />
      {props.children}
    </fieldset>
  );
}

/** A multi-line text field in the pattern of the portal's fields: label, hint, then error, tied by aria-describedby. */
export function TextArea(props: { id: string; name: string; label: string; value?: string; hint?: string; error?: string | undefined; rows?: number; maxlength?: number }) {
  const { id, hint, error } = props;
  const describedBy = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {hint ? (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <strong id={`${id}-error`} class="field-error">
          {error}
        </strong>
      ) : null}
      <textarea id={id} name={props.name} rows={props.rows ?? 4} maxlength={props.maxlength} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {props.value ?? ''}
      </textarea>
    </div>
  );
}

/**
 * A group of checkboxes or radios under one legend, with the group's error beside the legend; each option's own error
 * (an unconfirmed checklist item) sits next to it. The first control's id is what an error summary links to.
 */
export function ChoiceGroup(props: {
  idPrefix: string;
  name: string;
  type: 'checkbox' | 'radio';
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: { value: string; label: string; checked: boolean; error?: string | undefined }[];
}) {
  const { idPrefix, error, hint } = props;
  const describedBy = [hint ? `${idPrefix}-hint` : undefined, error ? `${idPrefix}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={error ? 'choice-group has-error' : 'choice-group'} aria-describedby={describedBy}>
      <legend>{props.legend}</legend>
      {hint ? (
        <span id={`${idPrefix}-hint`} class="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <strong id={`${idPrefix}-error`} class="field-error">
          {error}
        </strong>
      ) : null}
      {props.options.map((o) => {
        const id = `${idPrefix}-${o.value}`;
        return (
          <div class={o.error ? 'checkbox has-error' : 'checkbox'}>
            <input
              id={id}
              name={props.name}
              type={props.type}
              value={o.value}
              checked={o.checked ? true : undefined}
              aria-invalid={o.error ? 'true' : undefined}
              aria-describedby={o.error ? `${id}-error` : undefined}
            />
            <label for={id}>
              {o.label}
              {o.error ? (
                <strong id={`${id}-error`} class="field-error">
                  {o.error}
                </strong>
              ) : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
