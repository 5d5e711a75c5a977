/** A data table whose rows become cards on a phone: each cell carries its column's name in data-label, which CSS shows. */
import type { Child } from 'hono/jsx';

export type Column<T> = {
  label: string;
  cell: (row: T) => Child;
  /** Numbers align right on a wide screen. */
  numeric?: boolean;
  /** A column without a visible heading (row actions): the label is kept for screen readers only. */
  hideLabel?: boolean;
};

export function DataTable<T>(props: { caption: string; columns: Column<T>[]; rows: T[]; captionHidden?: boolean }) {
  return (
    <table class="data-table">
      <caption class={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((col) => (
            <th scope="col" class={col.numeric ? 'numeric' : undefined}>
              {col.hideLabel ? <span class="visually-hidden">{col.label}</span> : col.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            {props.columns.map((col) => (
              <td data-label={col.hideLabel ? '' : col.label} class={col.numeric ? 'numeric' : undefined}>
                {col.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
