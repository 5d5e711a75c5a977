/** Checks a password someone is about to set against the rules and the shipped list of common and breached passwords. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPassword, type PasswordProblem } from '../../core/password-policy.ts';

const listFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'core', 'wordlists', 'common-passwords.txt');

let common: ReadonlySet<string> | undefined;

/** The list, lower-case, read once per process on first use. */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(listFile, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  return common;
}

export function checkNewPassword(password: string, context: Parameters<typeof checkPassword>[1] = {}): PasswordProblem | null {
  return checkPassword(password, context, commonPasswords());
}
