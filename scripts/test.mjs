// Runs every check: the type checker, then the whole vitest suite (unit, storage on both dialects, integration, browser).
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('tsc', ['--noEmit', '-p', 'tsconfig.json']);
run('vitest', ['run', ...process.argv.slice(2)]);
