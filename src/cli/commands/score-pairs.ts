/** CLI command `score-pairs`: scores each name1/name2 row of a CSV file and appends score and match columns. */
import { readFile } from 'node:fs/promises';
import { formatCsvRow, parseCsv } from '../csv.ts';
import { MATCH_THRESHOLD, scorePerson } from '../../matching/index.ts';

type Io = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; stdin: NodeJS.ReadableStream };

const USAGE = 'score-pairs <file.csv>   (CSV with a header holding name1 and name2; other columns are kept)';

async function run(args: string[], io: Io): Promise<number> {
  const path = args[0];
  if (!path || args.length > 1) {
    io.stderr.write(`usage: ${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    io.stderr.write(`score-pairs: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n`);
    return 2;
  }
  const [header, ...rows] = parseCsv(text);
  const first = header?.indexOf('name1') ?? -1;
  const second = header?.indexOf('name2') ?? -1;
  if (!header || first < 0 || second < 0) {
    const missing = ['name1', 'name2'].filter((c) => !header?.includes(c));
    io.stderr.write(`score-pairs: ${path} has no column ${missing.join(', ')} in its header\n`);
    return 2;
  }
  io.stdout.write(formatCsvRow([...header, 'score', 'match']));
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') continue;
    const fields = header.map((_, i) => row[i] ?? '');
    const result = scorePerson({ names: [fields[first] ?? ''] }, { id: 'name2', names: [fields[second] ?? ''] });
    io.stdout.write(formatCsvRow([...fields, result.score.toFixed(4), String(result.score >= MATCH_THRESHOLD)]));
  }
  return 0;
}

export const command = {
  name: 'score-pairs',
  summary: 'Score name pairs from a CSV file (columns name1, name2) and print it with score and match columns',
  usage: USAGE,
  run,
};
