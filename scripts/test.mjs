// Runs every check: the type checker, then the whole vitest suite (unit, storage on both dialects, integration,
// browser). Both always run, so a type error does not hide the test results; the exit code fails if either failed.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
const typecheck = run('tsc', ['--noEmit', '-p', 'tsconfig.json']);
if (typecheck !== 0) console.error('\nType check failed (see above); running the tests anyway.\n');
const tests = run('vitest', ['run', ...process.argv.slice(2)]);
process.exit(typecheck !== 0 ? typecheck : tests);
