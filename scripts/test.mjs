// Runs every check: the type checker, the linter, the import-direction rules and the dead-code finder (each an npm
// script in package.json), then the whole vitest suite (unit, storage on both dialects, integration, browser).
// All of them always run, so one failing check does not hide the others or the test results; the exit code fails if
// any failed. The checks run first so that vitest's summary is the last thing printed.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

const checks = [
  ['typecheck', 'Type check (tsc)'],
  ['lint', 'Lint (eslint)'],
  ['check:deps', 'Import direction (dependency-cruiser)'],
  ['check:dead', 'Dead code (knip)'],
];

const failed = [];
for (const [script, label] of checks) {
  const started = performance.now();
  const status = run('npm', ['run', '-s', script]);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (status === 0) {
    console.log(`==> ${label}: passed (${seconds} s)`);
  } else {
    failed.push(label);
    console.error(`\n==> ${label} FAILED (npm run -s ${script}, exit ${status}, ${seconds} s); running the other checks anyway.\n`);
  }
}
if (failed.length > 0) console.error(`==> Failed checks: ${failed.join(', ')}. Running the tests anyway.\n`);

const tests = run('vitest', ['run', ...process.argv.slice(2)]);
process.exit(failed.length > 0 ? 1 : tests);
