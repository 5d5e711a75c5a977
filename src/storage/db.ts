/** Opens the configured database (SQLite file or PostgreSQL pool) behind one Kysely instance. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
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

export function openStore(opts: { databaseUrl?: string | undefined; sqlitePath?: string; poolSize?: number }): Store {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const path = opts.sqlitePath ?? ':memory:';
  const { kysely } = openSqlite(path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: kysely }) });
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
