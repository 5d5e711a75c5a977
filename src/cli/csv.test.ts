/** RFC 4180 round trips for the CSV reader and writer. */
import { describe, expect, it } from 'vitest';
import { formatCsvRow, parseCsv, parseCsvRecords } from './csv.ts';

describe('csv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere']]);
  });

  it('keeps empty fields and a last line without a line break', () => {
    expect(parseCsv('a,,c\n,,')).toEqual([['a', '', 'c'], ['', '', '']]);
  });

  it('writes fields so that reading them back gives the same values', () => {
    const fields = ['plain', 'with, comma', 'with "quote"', 'line\nbreak', ' padded ', ''];
    expect(parseCsv(formatCsvRow(fields))).toEqual([fields]);
    expect(formatCsvRow(['a', 'b c'])).toBe('a,b c\r\n');
  });

  it('maps rows to the header and drops a byte-order mark', () => {
    expect(parseCsvRecords('\uFEFFname,age\nZofia,41\n')).toEqual({ header: ['name', 'age'], records: [{ name: 'Zofia', age: '41' }] });
  });
});
