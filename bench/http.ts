/**
 * HTTP throughput of the public pages against the framework's ceiling: each server runs in its own child process on
 * loopback and autocannon loads it from this process, printing requests/s, p99 latency and the ratio to the ceiling
 * as JSON lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openPlatform } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/config.ts';
import { generateDemoNotices } from '../src/demo/generate.ts';
import { createLogger } from '../src/logger.ts';
import { countNotices } from '../src/storage/repositories/notices.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const TARGET_RATIO = 0.25;
/** Requests are spread over this many client addresses (sent as X-Forwarded-For to a server that trusts it), as many
 * visitors would be, so the per-client rate limit of the notice pages does not turn the run into a 429 benchmark. */
const CLIENT_ADDRESSES = 4096;

type ServerKind = 'bare' | 'app';
type Ready = { port: number; notices?: number };

// ---- child side: one server, announced on stdout ----

async function serveChild(kind: ServerKind): Promise<void> {
  if (kind === 'bare') {
    const app = new Hono();
    app.get('/', (c) => c.text('ok'));
    serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => announce({ port: info.port }));
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-bench-'));
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  process.on('SIGTERM', () => process.exit(0));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'true', LOG_LEVEL: 'silent', TRUST_PROXY: 'true', HOST: '127.0.0.1', PORT: '0' });
  const platform = await openPlatform(config, createLogger('silent'));
  const notices = await countNotices(platform.store.db);
  serve({ fetch: platform.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => announce({ port: info.port, notices }));
}

function announce(ready: Ready): void {
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

// ---- parent side: start a child, load it, stop it ----

async function startChild(kind: ServerKind): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve', kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Ready);
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited early (${code})`)));
  });
  return { child, ready };
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

/** The slice of autocannon's API used here (it ships no type definitions). */
type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
type AutocannonOptions = {
  url: string;
  connections: number;
  duration: number;
  requests?: { setupRequest: (req: { headers?: Record<string, string> }) => { headers: Record<string, string> } }[];
};
// A plain `require('autocannon')` call, so the dead-code check (knip) sees the dependency is used.
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: AutocannonOptions) => Promise<AutocannonResult>;

let nextClient = 0;
const spreadClients = (req: { headers?: Record<string, string> }) => {
  nextClient = (nextClient + 1) % CLIENT_ADDRESSES;
  return { ...req, headers: { ...req.headers, 'x-forwarded-for': `10.0.${nextClient >> 8}.${nextClient & 255}` } };
};

async function load(url: string, duration: number): Promise<AutocannonResult> {
  return autocannon({ url, connections: CONNECTIONS, duration, requests: [{ setupRequest: spreadClients }] });
}

type Figure = { target: string; path: string; rps: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number };

async function measure(target: string, origin: string, path: string): Promise<Figure> {
  const check = await fetch(`${origin}${path}`);
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`GET ${path} answered ${check.status}; nothing to measure`);
  await load(`${origin}${path}`, WARMUP_S);
  const r = await load(`${origin}${path}`, DURATION_S);
  return {
    target,
    path,
    rps: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const print = (line: object): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

async function main(): Promise<void> {
  const [first] = generateDemoNotices({ count: 1 });
  const familyName = first?.input.familyName ?? 'Kowalski';
  const pages = [
    { target: 'home', path: '/' },
    { target: 'notices-filtered', path: '/notices?kind=wanted&sex=M&ageMin=20&ageMax=60&sort=name' },
    { target: 'notices-family-name', path: `/notices?familyName=${encodeURIComponent(familyName)}` },
  ];

  const bare = await startChild('bare');
  let ceiling: Figure;
  try {
    ceiling = await measure('ceiling (bare Hono, text "ok")', `http://127.0.0.1:${bare.ready.port}`, '/');
  } finally {
    await stopChild(bare.child);
  }

  const app = await startChild('app');
  const figures: Figure[] = [];
  try {
    for (const p of pages) figures.push(await measure(p.target, `http://127.0.0.1:${app.ready.port}`, p.path));
  } finally {
    await stopChild(app.child);
  }

  print({
    bench: 'http',
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    connections: CONNECTIONS,
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    servers: 'each in its own child process on 127.0.0.1; autocannon in the parent (server and load generator share the machine)',
    clientAddresses: CLIENT_ADDRESSES,
    database: 'SQLite (temporary DATA_DIR)',
    notices: app.ready.notices ?? 0,
  });
  print({ ...ceiling, ratio: 1 });
  for (const f of figures) {
    const ratio = Number((f.rps / ceiling.rps).toFixed(3));
    print({ ...f, ratio, ...(f.target.startsWith('notices') ? { target25: ratio >= TARGET_RATIO ? 'met' : 'short' } : {}) });
  }
}

const [mode, kind] = process.argv.slice(2);
if (mode === 'serve') await serveChild(kind === 'bare' ? 'bare' : 'app');
else await main();
