/** The operators' command line: `npm run -s cli -- <command> [options]`. */
import { ConfigError } from '../config/config.ts';
import { AppError } from '../core/errors.ts';
import { I18n } from '../i18n/i18n.ts';
import type { CliCommand, CliIo } from './command.ts';
import { commands } from './commands/index.ts';

/** Operators read English: an AppError's message key is looked up in the English catalog. */
function messageOf(err: Error): string {
  if (!(err instanceof AppError)) return err.message;
  const tr = new I18n().translator('en');
  const text = tr.knows(err.key) ? tr.t(err.key, err.values) : tr.t(`error.${err.code}.message`);
  return [text, ...err.issues.map((i) => `  ${i.field}: ${i.message}`)].join('\n');
}

function help(io: CliIo): void {
  io.stdout.write('Usage: npm run -s cli -- <command> [options]\n\nCommands:\n');
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  io.stdout.write(`  ${'help'.padEnd(width)}  Show this help\n`);
  for (const c of commands) io.stdout.write(`  ${c.name.padEnd(width)}  ${c.summary}\n`);
}

/** Finds the command whose (possibly two-word) name prefixes the arguments. */
function resolve(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = commands.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = commands.find((c) => c.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : undefined;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') {
    help(io);
    return 0;
  }
  const found = resolve(argv);
  if (!found) {
    io.stderr.write(`Unknown command: ${argv.join(' ')}\n`);
    help(io);
    return 2;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof Error) {
      io.stderr.write(`${found.command.name}: ${messageOf(err)}\nUsage: ${found.command.usage}\n`);
      return err instanceof ConfigError ? 2 : 1;
    }
    throw err;
  }
}

const io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2), io);
}
