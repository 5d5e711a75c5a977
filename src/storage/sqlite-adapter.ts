/** Adapts Node's built-in node:sqlite to the database interface that Kysely's SqliteDialect expects. */
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** node:sqlite rejects booleans and undefined; the app stores booleans as 0/1 on both dialects. */
function bindable(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value as SQLInputValue;
}

/**
 * node:sqlite is synchronous, so no statement can be cut short; the one wait it has, for another process's write
 * lock, is bounded by busy_timeout (DB_LOCK_TIMEOUT_MS), after which SQLITE_BUSY surfaces as "try again" (503).
 */
export function openSqlite(path: string, opts: { busyTimeoutMs?: number } = {}): { kysely: SqliteDatabase; raw: DatabaseSync } {
  const raw = new DatabaseSync(path);
  const busyTimeoutMs = Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000));
  raw.exec(`PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = ${busyTimeoutMs}; PRAGMA synchronous = NORMAL;`);
  // Compiled statements are reused: the app issues the same few hundred SQL texts over and over.
  const cache = new Map<string, SqliteStatement>();
  const kysely: SqliteDatabase = {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached) return cached;
      const stmt = raw.prepare(sql);
      const reader = stmt.columns().length > 0;
      const wrapped: SqliteStatement = {
        reader,
        all: (params) => stmt.all(...params.map(bindable)),
        run: (params) => {
          const r = stmt.run(...params.map(bindable));
          return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
        },
        iterate: (params) => stmt.iterate(...params.map(bindable)) as IterableIterator<unknown>,
      };
      if (cache.size >= 500) cache.delete(cache.keys().next().value as string);
      cache.set(sql, wrapped);
      return wrapped;
    },
  };
  return { kysely, raw };
}
