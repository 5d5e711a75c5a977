/** App instances as real child processes (`node --import tsx src/main.ts`) on loopback, for the scale-out suite and benchmark. */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The pinned Node.js 24 (node:sqlite, the engine the project runs on), not whatever `node` the PATH finds. */
const pinnedNode = join(root, 'node_modules', '.bin', 'node');

export type Instance = {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Still running: not exited, not killed. */
  alive(): boolean;
  /** Resolves once the process has exited, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it is still there after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
};

/** A TCP port nobody listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Writes a fresh Ed25519 private key (PKCS#8 PEM, mode 0600) for AUDIT_SIGNING_KEY_FILE and returns its path. */
export function writeAuditKey(dir: string): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const file = join(dir, 'audit-ed25519.pem');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return file;
}

/**
 * Spawns `node --import tsx src/main.ts` on 127.0.0.1 with only `env` on top of PATH and HOME (so nothing of the
 * caller's environment, such as a DATABASE_URL, leaks in). The caller waits for it with `waitHealthy`.
 */
export async function spawnInstance(env: Record<string, string>): Promise<Instance> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(pinnedNode, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? root, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
  });
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    child,
    stdout: () => out,
    stderr: () => err,
    alive: () => running,
    exited,
    stop: async (graceMs = 5_000) => {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Calls `attempt` every `everyMs` until it returns a value, for at most `ms`; then throws naming `what` (a function
 * when the message should tell what the last attempt saw).
 */
export async function waitUntil<T>(ms: number, what: string | (() => string), attempt: () => Promise<T | undefined>, everyMs = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await attempt();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export type Answer = { status: number; ms: number; headers: Headers; body: string } | { status: 'hung' | 'error'; ms: number; error: string };

export type RequestOptions = { method?: string; headers?: Record<string, string>; body?: string };

/**
 * One request on a connection of its own (closed after the answer), its body read, given up after `ms` (reported as
 * 'hung'); a refused or cut connection is 'error'. A pooled keep-alive connection could be closed by the server just
 * as it is reused, an error of the client's making that must not count against the instance.
 */
export function request(url: string, ms: number, init: RequestOptions = {}): Promise<Answer> {
  const started = Date.now();
  return new Promise<Answer>((resolve) => {
    let done = false;
    const finish = (answer: Answer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => finish({ status: 'error', ms: Date.now() - started, error: err.message }));
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
        }
        finish({ status: res.statusCode ?? 0, ms: Date.now() - started, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    const timer = setTimeout(() => {
      finish({ status: 'hung', ms: Date.now() - started, error: `no answer within ${ms} ms` });
      req.destroy();
    }, ms);
    req.on('error', (err) => finish({ status: 'error', ms: Date.now() - started, error: `${(err as { code?: string }).code ?? ''} ${err.message}`.trim() }));
    req.end(init.body);
  });
}

/** Waits until the instance's /healthz answers 200; fails at once, with its stderr, if the process exits first. */
export async function waitHealthy(instance: Instance, ms: number): Promise<void> {
  await waitUntil(ms, `${instance.origin}/healthz to answer 200`, async () => {
    if (!instance.alive()) throw new Error(`instance on port ${instance.port} exited before it was healthy:\n${instance.stderr()}`);
    const res = await request(`${instance.origin}/healthz`, 2_000);
    return res.status === 200 ? true : undefined;
  }, 200);
}
