import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './db-errors.ts';

const withCode = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error('x'), { code }, extra);

describe('isDatabaseUnavailable', () => {
  it.each(['57P01', '57P02', '57P03', '57014', '55P03', '53300', '08000', '08001', '08003', '08006', '08P01'])('SQLSTATE %s is unavailability', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN'])('system error %s is unavailability', (code) => {
    expect(isDatabaseUnavailable(withCode(code, { errno: -111, syscall: 'connect' }))).toBe(true);
  });

  it('reads a string errno when the code is missing', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { errno: 'ECONNRESET' }))).toBe(true);
  });

  it.each(['23505', '22P02', '42P01', '40001', '40P01', '42601', 'ERR_INVALID_ARG_TYPE', 'ENOENT', '0800', '08'])('%s is not', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(false);
  });

  it('is false for errors without a code and for non-errors', () => {
    for (const value of [new Error('Connection terminated unexpectedly'), new TypeError('boom'), null, undefined, 'ECONNREFUSED', 57014, {}]) {
      expect(isDatabaseUnavailable(value)).toBe(false);
    }
  });

  it('follows cause and aggregated errors, as Node reports a refused dual-stack connect', () => {
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('57P01') }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([new Error('a'), withCode('ECONNREFUSED')], 'connect failed'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('23505') }))).toBe(false);
  });

  it('does not loop on a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });

  it('recognises a real SQLite "database is locked" error, and not a real constraint error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-db-errors-'));
    const path = join(dir, 'locked.sqlite');
    const holder = new DatabaseSync(path);
    const other = new DatabaseSync(path);
    try {
      holder.exec('create table t (id integer primary key); begin immediate; insert into t values (1);');
      other.exec('PRAGMA busy_timeout = 0');
      let busy: unknown;
      try {
        other.exec('begin immediate');
      } catch (err) {
        busy = err;
      }
      expect(busy).toBeDefined();
      expect(isDatabaseUnavailable(busy)).toBe(true);
      holder.exec('commit');
      let duplicate: unknown;
      try {
        other.exec('insert into t values (1)');
      } catch (err) {
        duplicate = err;
      }
      expect(duplicate).toBeDefined();
      expect(isDatabaseUnavailable(duplicate)).toBe(false);
    } finally {
      holder.close();
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
