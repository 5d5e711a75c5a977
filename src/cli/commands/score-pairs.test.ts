/** Runs the score-pairs command on temporary CSV files. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv.ts';
import { command } from './score-pairs.ts';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function runOn(content: string | null): Promise<{ code: number; out: string; err: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'score-pairs-'));
  const file = join(dir, 'pairs.csv');
  if (content !== null) writeFileSync(file, content);
  const out = capture();
  const err = capture();
  const code = await command.run([file], { stdout: out.stream, stderr: err.stream, stdin: new PassThrough() });
  return { code, out: out.text(), err: err.text() };
}

describe('score-pairs', () => {
  it('keeps every column in order and appends score and match, quoting where needed', async () => {
    const { code, out } = await runOn('id,name1,note,name2\n1,"Kowalski, Jan","a ""quoted"", note",Jan Kowalski\n2,Ingrid Berg,,Tomasz Nowak\n');
    expect(code).toBe(0);
    const rows = parseCsv(out);
    expect(rows[0]).toEqual(['id', 'name1', 'note', 'name2', 'score', 'match']);
    expect(rows[1]?.slice(0, 4)).toEqual(['1', 'Kowalski, Jan', 'a "quoted", note', 'Jan Kowalski']);
    expect(rows[1]?.[4]).toMatch(/^\d\.\d{4}$/);
    expect(rows[1]?.[5]).toBe('true');
    expect(rows[2]?.[5]).toBe('false');
    expect(out).toContain('"Kowalski, Jan"');
  });

  it('exits 2 with a clear message when a column is missing', async () => {
    const { code, err } = await runOn('left,name2\nA,B\n');
    expect(code).toBe(2);
    expect(err).toContain('name1');
  });

  it('exits 2 when the file does not exist', async () => {
    const { code, err } = await runOn(null);
    expect(code).toBe(2);
    expect(err).toContain('cannot read');
  });
});
