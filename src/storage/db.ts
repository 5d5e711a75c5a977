/** Opens the configured database (SQLite file or PostgreSQL pool) behind one Kysely instance. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { countingCommits } from './commits.ts';
import type { Database } from './schema.ts';
import { openSqlite } from './sqlite-adapter.ts';

export type Dialect = 'sqlite' | 'postgres';

export type Db = Kysely<Database>;

export type Store = {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
};

// PostgreSQL returns bigint (int8) as text; counts are coerced in count() instead, so keep parsers default.

/** Bounds on every wait for the database, from the configuration (DB_* variables). */
export type StoreLimits = {
  poolSize: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
};

const defaultLimits: StoreLimits = { poolSize: 10, connectTimeoutMs: 3_000, statementTimeoutMs: 5_000, lockTimeoutMs: 3_000 };

/**
 * statement_timeout is enforced by the server, so a frozen server or a silent network never fires it: the client gives
 * up this much later on its own and throws the connection away.
 */
const CLIENT_GRACE_MS = 1_000;

/**
 * A failure of the connection rather than of the statement, stamped with its SQLSTATE class-08 code (08001: could not
 * connect, 08006: connection lost) so callers can tell it apart without knowing the driver.
 */
class ConnectionFailure extends Error {
  readonly code: '08001' | '08006';
  constructor(code: '08001' | '08006', cause: unknown) {
    super(`${code === '08001' ? 'cannot connect to the database' : 'database connection lost'}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ConnectionFailure';
    this.code = code;
  }
}

const hasCode = (err: unknown): boolean => typeof (err as { code?: unknown } | null)?.code === 'string';

/**
 * The pool Kysely draws from: every client has an error listener (a server restart sends 57P01 to idle and busy
 * connections alike, and an unheard 'error' event would end the process), a client whose connection failed or that
 * stopped answering is destroyed on release instead of being handed out again, and failures without a code get one.
 */
class GuardedPool implements PostgresPool {
  /** Clients whose connection emitted an error: their next query fails at once, and they must not be reused. */
  private readonly lost = new WeakSet<pg.PoolClient>();
  readonly options: object;

  constructor(
    private readonly pool: pg.Pool,
    private readonly answerWithinMs: number,
    onConnectionError: (err: Error) => void,
  ) {
    this.options = pool.options;
    pool.on('connect', (client) => {
      client.on('error', (err) => {
        this.lost.add(client);
        onConnectionError(err);
      });
    });
    // pg-pool re-emits an idle client's error here; the client's own listener above has reported it already.
    pool.on('error', () => undefined);
  }

  async connect(): Promise<PostgresPoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      // Refused connections and server states carry their code; a connect timeout or a socket closed mid-handshake do not.
      throw hasCode(err) ? err : new ConnectionFailure('08001', err);
    }
    let broken = false;
    const query = async (text: string, parameters: readonly unknown[]) => {
      let timer: NodeJS.Timeout | undefined;
      const pending = client.query(text, parameters as unknown[]);
      const silence = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new ConnectionFailure('08006', new Error(`no answer within ${this.answerWithinMs} ms`))), this.answerWithinMs);
      });
      try {
        return await Promise.race([pending, silence]);
      } catch (err) {
        // The abandoned query fails once its connection is destroyed on release; nobody waits for it any more.
        pending.catch(() => undefined);
        if (err instanceof ConnectionFailure) {
          broken = true;
          throw err;
        }
        if (this.lost.has(client)) {
          broken = true;
          throw hasCode(err) ? err : new ConnectionFailure('08006', err);
        }
        throw err;
      } finally {
        clearTimeout(timer);
      }
    };
    return {
      // The dialect has no `cursor` configured, so Kysely only ever calls the (sql, parameters) form.
      query: query as unknown as PostgresPoolClient['query'],
      // A truthy argument makes pg-pool close the client instead of returning it to the idle list.
      release: (destroy?: boolean) => client.release(broken || destroy || this.lost.has(client)),
    };
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

function openPostgres(databaseUrl: string, limits: StoreLimits): pg.Pool {
  return new pg.Pool({
    connectionString: databaseUrl,
    max: limits.poolSize,
    // Bounds both opening a connection and waiting for a free one when all are busy.
    connectionTimeoutMillis: limits.connectTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    // A transaction left open by a request that already answered (timed out) must not hold its locks for long.
    idle_in_transaction_session_timeout: 2 * limits.statementTimeoutMs,
    keepAlive: true,
  });
}

export function openStore(
  opts: { databaseUrl?: string | undefined; sqlitePath?: string; onConnectionError?: (err: Error) => void } & Partial<StoreLimits>,
): Store {
  const limits: StoreLimits = {
    poolSize: opts.poolSize ?? defaultLimits.poolSize,
    connectTimeoutMs: opts.connectTimeoutMs ?? defaultLimits.connectTimeoutMs,
    statementTimeoutMs: opts.statementTimeoutMs ?? defaultLimits.statementTimeoutMs,
    lockTimeoutMs: opts.lockTimeoutMs ?? defaultLimits.lockTimeoutMs,
  };
  if (opts.databaseUrl) {
    const pool = openPostgres(opts.databaseUrl, limits);
    const guarded = new GuardedPool(pool, limits.statementTimeoutMs + CLIENT_GRACE_MS, opts.onConnectionError ?? (() => undefined));
    const db = new Kysely<Database>({ dialect: countingCommits(new PostgresDialect({ pool: guarded })) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const path = opts.sqlitePath ?? ':memory:';
  const { kysely } = openSqlite(path, { busyTimeoutMs: limits.lockTimeoutMs });
  const db = new Kysely<Database>({ dialect: countingCommits(new SqliteDialect({ database: kysely })) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

export function sqlitePathIn(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'liaison.sqlite');
}

/** The one place where database counts (bigint text on PostgreSQL, number on SQLite) become numbers. */
export function toCount(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (value === null || value === undefined) return 0;
  throw new TypeError(`not a count: ${String(value)}`);
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
