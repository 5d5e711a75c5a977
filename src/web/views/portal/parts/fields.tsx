/** Form fields of the portal: a label, an optional hint and error tied to the control by aria-describedby, one pattern for all. */
import type { Child, JSX } from 'hono/jsx';

type InputAttrs = JSX.IntrinsicElements['input'];

/** The ids a control must name in aria-describedby: its hint, then its error (read in that order). */
const describedBy = (id: string, hint: Child | undefined, error: string | undefined): string | undefined =>
  [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;

function FieldText(props: { id: string; hint: Child | undefined; error: string | undefined }) {
  return (
    <>
      {props.hint ? (
        <span id={`${props.id}-hint`} class="hint">
          {props.hint}
        </span>
      ) : null}
      {props.error ? (
        <strong id={`${props.id}-error`} class="field-error">
          {props.error}
        </strong>
      ) : null}
    </>
  );
}

/** A text-like input (`type` text, email, password, number, date…); extra attributes go to the input itself. */
export function TextField(props: { id: string; label: string; hint?: Child; error?: string | undefined; input?: InputAttrs }) {
  const { id, hint, error } = props;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <FieldText id={id} hint={hint} error={error} />
      <input id={id} type="text" {...props.input} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)} />
    </div>
  );
}

export type SelectOption = { value: string; label: string };

export function SelectField(props: { id: string; name: string; label: string; options: SelectOption[]; selected?: string | undefined; hint?: Child; required?: boolean }) {
  const { id, hint } = props;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <FieldText id={id} hint={hint} error={undefined} />
      <select id={id} name={props.name} required={props.required} aria-describedby={describedBy(id, hint, undefined)}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.selected}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A checkbox with its label after it, the whole row a large target. */
export function Checkbox(props: { id: string; name: string; value: string; label: string; checked?: boolean }) {
  return (
    <div class="checkbox">
      <input id={props.id} name={props.name} type="checkbox" value={props.value} checked={props.checked ? true : undefined} />
      <label for={props.id}>{props.label}</label>
    </div>
  );
}
