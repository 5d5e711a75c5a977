/**
 * `npm start` stops cleanly on SIGTERM to the npm process: no new connections, requests in progress answered, stuck
 * ones cut after the grace period, exit code 0, and no process of the tree left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './support/processes.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Parent pid and state of a process, from /proc (null once it is gone). */
function procStat(pid: number): { ppid: number; state: string } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name sits in parentheses and may itself hold spaces or parentheses: read from the last one.
  const [state = '', ppid = '0'] = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(ppid), state };
}

/** Every live descendant of `pid` (npm → node → esbuild…). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      found.push(c);
      walk(c);
    }
  };
  walk(pid);
  return found;
}

/** A process counts as gone once it has exited: no /proc entry, or a zombie waiting for its reaper. */
const isGone = (pid: number): boolean => {
  const stat = procStat(pid);
  return stat === null || stat.state === 'Z' || stat.state === 'X';
};

async function waitFor(what: string | (() => string), ms: number, ok: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function answers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Opens a connection and sends a sign-in form with only part of its body, so the request stays in progress: the
 * portal reads the whole form (its CSRF field, double-submitted with the pre-session cookie) before it answers.
 */
async function partialSignIn(port: number): Promise<{ socket: Socket; rest: string; received: () => string; closed: Promise<number> }> {
  const csrf = randomBytes(32).toString('base64url');
  const body = `_csrf=${csrf}&email=nobody%40office.example&password=not-the-password-at-all`;
  const half = body.length - 10;
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let data = '';
  socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
  socket.write(
    [
      'POST /portal/sign-in HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      `Cookie: liaison_pre=${csrf}`,
      'Content-Type: application/x-www-form-urlencoded',
      `Content-Length: ${body.length}`,
      '',
      body.slice(0, half),
    ].join('\r\n'),
  );
  return { socket, rest: body.slice(half), received: () => data, closed };
}

type Started = { child: ChildProcess; npmPid: number; port: number; output: () => string; exited: Promise<{ code: number | null; at: number }> };

describe('npm start', () => {
  let npm: ChildProcess | undefined;
  let tree: number[] = [];
  let dataDir: string | undefined;
  afterEach(() => {
    // Only if an assertion failed midway: leave no server behind, even one that outlived npm.
    const pids = npm?.pid ? [npm.pid, ...tree, ...(isGone(npm.pid) ? [] : descendants(npm.pid))] : tree;
    for (const pid of pids) if (!isGone(pid)) process.kill(pid, 'SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    npm = undefined;
    tree = [];
    dataDir = undefined;
  });

  /** Runs `npm start` on a temporary SQLite DATA_DIR and a free port, and waits until /healthz answers 200. */
  async function start(): Promise<Started> {
    dataDir = mkdtempSync(join(tmpdir(), 'liaison-shutdown-'));
    const port = await freePort();
    // No drain delay (the stop is measured from the signal), and a request timeout beyond the 10 s grace period so the
    // stuck request is cut by the grace period, not answered 503 by the timeout.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      SHUTDOWN_DRAIN_MS: '0',
      REQUEST_TIMEOUT_MS: '60000',
    };
    delete env.DATABASE_URL;
    delete env.PUBLIC_URL;
    const child = spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    npm = child;
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
    const npmPid = child.pid;
    if (!npmPid) throw new Error('npm did not start');
    await waitFor(() => `/healthz on port ${port}; output so far:\n${output}`, 60_000, () => {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} before answering:\n${output}`);
      return answers(port);
    });
    tree = descendants(npmPid);
    expect(tree.length, 'npm runs the server as a child process').toBeGreaterThan(0);
    return { child, npmPid, port, output: () => output, exited };
  }

  async function exitWithin(s: Started, ms: number): Promise<{ code: number | null; at: number }> {
    return Promise.race([
      s.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`npm still running ${ms} ms after the signal:\n${s.output()}`)), ms)),
    ]);
  }

  async function expectTreeGone(s: Started): Promise<void> {
    const all = [s.npmPid, ...tree];
    await waitFor(`every process of the tree (${all.join(', ')}) to exit`, 5_000, () => all.every(isGone));
    expect(await answers(s.port)).toBe(false);
  }

  it('stops on SIGTERM to npm: answers the request in progress, cuts a stuck one after the grace period, exits 0, leaves no process', async () => {
    const s = await start();
    const inProgress = await partialSignIn(s.port);
    const stuck = await partialSignIn(s.port);
    // Let the server read both requests' headers, so they are in progress (not idle) when the stop comes.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const signalledAt = Date.now();
    s.child.kill('SIGTERM');
    await waitFor('the listening socket to close', 5_000, async () => !(await answers(s.port)));

    expect(inProgress.received(), 'the server waits for the rest of the form').toBe('');
    inProgress.socket.write(inProgress.rest);
    await waitFor('the answer to the request in progress', 10_000, () => /\r\n\r\n/.test(inProgress.received()));
    // Unknown account: the sign-in is refused, but it is answered in full.
    expect(inProgress.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(inProgress.received().toLowerCase()).toContain('connection: close');
    const inProgressClosedAt = await inProgress.closed;
    expect(inProgressClosedAt - signalledAt, 'the answered connection is closed at once, not kept alive').toBeLessThan(5_000);

    const { code, at } = await exitWithin(s, 25_000);
    expect(code, s.output()).toBe(0);
    // The stuck request held the server open for the grace period (10 s), then its connection was cut.
    expect(at - signalledAt).toBeGreaterThanOrEqual(9_000);
    expect(await stuck.closed).toBeLessThanOrEqual(at);
    expect(stuck.received()).toBe('');
    expect(s.output()).toContain('stopped');
    await expectTreeGone(s);
  }, 90_000);

  it('stops at once on SIGINT to npm when nothing is in progress, exits 0, leaves no process', async () => {
    const s = await start();
    const signalledAt = Date.now();
    s.child.kill('SIGINT');
    const { code, at } = await exitWithin(s, 5_000);
    expect(code, s.output()).toBe(0);
    expect(at - signalledAt).toBeLessThan(5_000);
    expect(s.output()).toContain('"signal":"SIGINT"');
    await expectTreeGone(s);
  }, 90_000);
});
