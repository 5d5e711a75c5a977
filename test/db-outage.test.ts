/**
 * The app on a PostgreSQL server of its own that is stopped, frozen and started again: 503s with Retry-After (never a
 * 500, never a crash), kept public pages still served, recovery without a restart, a start that waits for its
 * database, and the drain on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfiguredStore, openPlatform, type Platform } from '../src/bootstrap.ts';
import { loadConfig, type Config } from '../src/config/config.ts';
import { VERSION_REUSE_MS } from '../src/services/site/read-change-version.ts';
import { startOwnPostgres, type OwnPostgres } from './support/own-postgres.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Warnings and errors the platform logs, one JSON object a line. */
const logged: Record<string, unknown>[] = [];
const logger = pino(
  { level: 'warn' },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logged.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
);

let clients = 0;
/** A request from a new client address each time, so polling never meets a rate limit. */
function get(p: Platform, path: string, headers: Record<string, string> = {}): Promise<Response> {
  clients++;
  return Promise.resolve(p.app.request(path, { headers: { 'X-Forwarded-For': `10.1.${clients >> 8 & 255}.${clients & 255}`, ...headers } }));
}

async function within<T>(ms: number, what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await attempt();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function configFor(pg: OwnPostgres, env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: pg.url,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    TRUST_PROXY: 'true',
    DATA_DIR: ':memory:',
    DB_CONNECT_TIMEOUT_MS: '1000',
    DB_STATEMENT_TIMEOUT_MS: '1500',
    DB_LOCK_TIMEOUT_MS: '1000',
    REQUEST_TIMEOUT_MS: '4000',
    DB_STARTUP_WAIT_MS: '1500',
    ...env,
  });
}

describe('database outages', () => {
  let pg: OwnPostgres;
  let platform: Platform;
  let home = '';
  beforeAll(async () => {
    pg = await startOwnPostgres();
    platform = await openPlatform(configFor(pg), logger);
  });
  afterAll(async () => {
    await platform?.close();
    await pg?.dispose();
  });

  it('answers normally, and keeps the public home page', async () => {
    expect((await get(platform, '/healthz')).status).toBe(200);
    expect((await get(platform, '/api/v1/notices')).status).toBe(200);
    // The cache keeps a page from its second request on.
    expect((await get(platform, '/')).status).toBe(200);
    const res = await get(platform, '/');
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    home = await res.text();
  });

  it('answers 503 with Retry-After while PostgreSQL is stopped, serves the kept page, and recovers by itself', async () => {
    await pg.stop();
    const stoppedAt = Date.now();
    const health = await within(2_000, '/healthz to answer 503', async () => {
      const res = await get(platform, '/healthz');
      return res.status === 503 ? res : undefined;
    });
    expect(Date.now() - stoppedAt).toBeLessThan(2_500);
    expect(await health.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });

    // Within VERSION_REUSE_MS of its last read of the change version, the instance answers from memory a list whose
    // page needs nothing from the database; past it, the list asks the stopped database first.
    await sleep(VERSION_REUSE_MS + 50);
    const api = await get(platform, '/api/v1/notices');
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('5');
    expect(((await api.json()) as { error: { code: string; key: string } }).error).toMatchObject({ code: 'unavailable', key: 'error.detail.database_unavailable' });

    // A page never kept: a readable page in the reader's language.
    const news = await get(platform, '/fr/news');
    expect(news.status).toBe(503);
    expect(news.headers.get('retry-after')).toBe('5');
    expect(news.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await news.text()).toContain('Le service ne peut pas joindre sa base de données');

    const kept = await get(platform, '/');
    expect(kept.status).toBe(200);
    expect(await kept.text()).toBe(home);

    // The server's shutdown notice (57P01) reached the pool's clients and was heard, not thrown.
    expect(logged.some((l) => typeof l.msg === 'string' && l.msg.startsWith('database connection lost'))).toBe(true);
    expect(logged.filter((l) => l.msg === 'unhandled error')).toEqual([]);

    await pg.start();
    const startedAt = Date.now();
    await within(5_000, '/healthz to answer 200 again', async () => ((await get(platform, '/healthz')).status === 200 ? true : undefined));
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect((await get(platform, '/api/v1/notices')).status).toBe(200);
    expect((await get(platform, '/news')).status).toBe(200);
  }, 30_000);

  it('answers 503 within seconds while PostgreSQL is frozen, and recovers when it thaws', async () => {
    // Idle connections in the pool, so the freeze also catches queries on connections that stay open.
    await Promise.all([get(platform, '/api/v1/notices'), get(platform, '/api/v1/notices'), get(platform, '/healthz')]);
    pg.freeze();
    try {
      let started = Date.now();
      const health = await get(platform, '/healthz');
      expect(health.status).toBe(503);
      expect(Date.now() - started, 'the health check is bounded by its own ping timeout').toBeLessThan(1_800);
      // The health check above took its ping timeout, longer than VERSION_REUSE_MS; waiting it out keeps that so.
      await sleep(VERSION_REUSE_MS + 50);
      started = Date.now();
      const [a, b] = await Promise.all([get(platform, '/api/v1/notices'), get(platform, '/api/v1/notices?q=smith')]);
      expect([a.status, b.status]).toEqual([503, 503]);
      expect(a.headers.get('retry-after')).toBe('5');
      // Statement timeout 1.5 s + the client's own 1 s grace, or the 1 s connect timeout; the 4 s request timeout never.
      expect(Date.now() - started).toBeLessThan(3_500);
      const kept = await get(platform, '/');
      expect(kept.status).toBe(200);
    } finally {
      pg.thaw();
    }
    await within(5_000, '/api/v1/notices to answer 200 after the thaw', async () => ((await get(platform, '/api/v1/notices')).status === 200 ? true : undefined));
    expect(logged.filter((l) => l.msg === 'unhandled error')).toEqual([]);
  }, 30_000);

  it('answers 503 after REQUEST_TIMEOUT_MS when the database stalls longer than its own timeouts, and drops the late answer', async () => {
    const slow = await openPlatform(configFor(pg, { REQUEST_TIMEOUT_MS: '600', DB_STATEMENT_TIMEOUT_MS: '20000', DB_CONNECT_TIMEOUT_MS: '20000' }), logger);
    try {
      // Just started, the instance would answer the list from its index and the change version it read at start-up.
      await sleep(VERSION_REUSE_MS + 50);
      pg.freeze();
      let res: Response;
      const started = Date.now();
      try {
        res = await get(slow, '/api/v1/notices');
      } finally {
        // Thawed, the stalled query completes, and its answer has nobody to go to.
        setTimeout(() => pg.thaw(), 300);
      }
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { error: { key: string } }).error.key).toBe('error.detail.request_timeout');
      await within(5_000, 'the stalled instance to answer 200 again', async () => ((await get(slow, '/api/v1/notices')).status === 200 ? true : undefined));
      expect(logged.filter((l) => l.msg === 'unhandled error')).toEqual([]);
    } finally {
      pg.thaw();
      await slow.close();
    }
  }, 30_000);

  it('drains: /healthz answers 503 draining once a stop is asked for, pages still answer', async () => {
    const drained = await openPlatform(configFor(pg), logger);
    try {
      drained.startDraining();
      const res = await get(drained, '/healthz');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'draining' });
      expect((await get(drained, '/api/v1/notices')).status).toBe(200);
      expect((await get(platform, '/healthz')).status, 'another instance is not draining').toBe(200);
    } finally {
      await drained.close();
    }
  });

  it('a start while PostgreSQL is down waits for it, and gives up after DB_STARTUP_WAIT_MS with the reason', async () => {
    await pg.stop();
    try {
      const config = configFor(pg, { DB_STARTUP_WAIT_MS: '1200' });
      const store = openConfiguredStore(config, (m) => logger.warn(m));
      const started = Date.now();
      try {
        await expect(openPlatform(config, logger, store)).rejects.toThrow(/database is unreachable after waiting 1 s \(DB_STARTUP_WAIT_MS\)/);
      } finally {
        await store.close();
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_200);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(logged.some((l) => typeof l.msg === 'string' && l.msg.startsWith('database not reachable yet'))).toBe(true);

      const patient = openPlatform(configFor(pg, { DB_STARTUP_WAIT_MS: '20000' }), logger);
      await new Promise((resolve) => setTimeout(resolve, 800));
      await pg.start();
      const late = await patient;
      try {
        expect((await get(late, '/healthz')).status).toBe(200);
      } finally {
        await late.close();
      }
    } finally {
      await pg.start();
    }
  }, 30_000);
});

describe('src/main.ts', () => {
  /** Runs the server as `npm start` does, until it exits; returns its exit code and output. */
  function run(env: Record<string, string>, whileRunning?: (port: number) => Promise<void>, port = 0): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), DEMO_DATA: 'false', LOG_LEVEL: 'info', DATA_DIR: ':memory:', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      let acted = false;
      const onData = (c: Buffer) => {
        output += c.toString('utf8');
        const listening = /port (\d+), /.exec(output);
        if (listening && whileRunning && !acted) {
          acted = true;
          whileRunning(Number(listening[1])).then(() => child.kill('SIGTERM'), (err: unknown) => {
            child.kill('SIGKILL');
            reject(err as Error);
          });
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => resolve({ code, output }));
      setTimeout(() => child.kill('SIGKILL'), 25_000).unref();
    });
  }

  it('exits 1 with a one-line reason when the database stays unreachable', async () => {
    const { code, output } = await run({ DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/none', DB_STARTUP_WAIT_MS: '600', LOG_LEVEL: 'silent' });
    expect(code).toBe(1);
    expect(output).toMatch(/^Cannot start: the database is unreachable after waiting 1 s \(DB_STARTUP_WAIT_MS\): .+$/m);
  }, 30_000);

  it('on SIGTERM answers /healthz 503 draining for SHUTDOWN_DRAIN_MS, still serving, then exits 0', async () => {
    let signalled = 0;
    let during: { health: number; body: unknown; page: number } | undefined;
    const { code, output } = await run({ SHUTDOWN_DRAIN_MS: '1500' }, async (port) => {
      const url = (path: string) => `http://127.0.0.1:${port}${path}`;
      expect((await fetch(url('/healthz'))).status).toBe(200);
      // The signal goes out once this callback resolves; look while the drain lasts.
      setTimeout(() => {
        void (async () => {
          const health = await fetch(url('/healthz'));
          during = { health: health.status, body: await health.json(), page: (await fetch(url('/about'))).status };
        })();
      }, 400);
      signalled = Date.now();
    });
    expect(code, output).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1_500);
    expect(during).toEqual({ health: 503, body: { status: 'draining' }, page: 200 });
    expect(output).toContain('health check now answers draining');
    expect(output).toContain('stopped');
  }, 30_000);
});
