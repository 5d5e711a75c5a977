/** A status badge: the word states the status, the colour only repeats it (WCAG 1.4.1). */
export type BadgeTone = 'active' | 'inactive' | 'warning' | 'info' | 'danger';

export function StatusBadge(props: { tone: BadgeTone; text: string }) {
  return <strong class={`badge badge-${props.tone}`}>{props.text}</strong>;
}
