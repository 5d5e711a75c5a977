/** The facts of one object as label and value pairs (a description list), stacked on a phone, side by side on a wide screen. */
import type { Child } from 'hono/jsx';

export function SummaryList(props: { rows: [label: string, value: Child][] }) {
  return (
    <dl class="summary-list">
      {props.rows.map(([label, value]) => (
        <div>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
