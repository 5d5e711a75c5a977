/** Writes CSV as RFC 4180 asks (CRLF lines, fields quoted when they must be), with text a spreadsheet would run as a formula defused. */

export type CsvValue = string | number | null;

/** Characters that make a spreadsheet read a cell as a formula (tab and carriage return too, as OWASP lists them). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One field. Text that opens like a formula gets a leading apostrophe, which spreadsheets show as text; numbers are
 * the writer's own and stay numbers.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of fields as one CSV document, each line ending in CRLF. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
