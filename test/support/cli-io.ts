/** Runs an operator command as the terminal would, capturing what it prints, for the command-line tests. */
import { Readable, PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/command.ts';

export type CliRun = { code: number; out: string; err: string };

/** Calls `run` with captured output streams and `stdin` as standard input; a thrown error counts as exit 1. */
export async function captureCli(run: (io: CliIo) => Promise<number>, stdin = ''): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await run({ stdout, stderr, stdin: Readable.from([stdin]) }).catch((e: unknown) => {
    err += e instanceof Error ? e.message : String(e);
    return 1;
  });
  return { code, out, err };
}
