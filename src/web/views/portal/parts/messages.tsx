/** What the portal says after a form: the error summary above it, and the banner after an action went through. */
import type { Child } from 'hono/jsx';

/** A form's error summary, announced to screen readers and linking each message to its field. */
export function ErrorSummary(props: { title: string; messages: { field?: string | undefined; text: string }[] }) {
  if (props.messages.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{props.title}</h2>
      <ul>
        {props.messages.map((m) => (
          <li>{m.field ? <a href={`#${m.field}`}>{m.text}</a> : m.text}</li>
        ))}
      </ul>
    </div>
  );
}

/** A status message after an action (a plain paragraph with a polite live region). */
export function Notice(props: { text: string | undefined }) {
  return props.text ? (
    <p class="notice" role="status">
      {props.text}
    </p>
  ) : null;
}

/** A banner with a heading: success, information, or a problem found (not a form error). */
export function Banner(props: { tone: 'success' | 'info' | 'problem'; title: string; children?: Child }) {
  const tone = props.tone === 'success' ? 'notice' : `notice ${props.tone}`;
  return (
    <div class={tone} role={props.tone === 'problem' ? 'alert' : 'status'}>
      <h2>{props.title}</h2>
      {props.children}
    </div>
  );
}
