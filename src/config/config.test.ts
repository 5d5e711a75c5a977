import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has defaults for a local start on SQLite', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demoData).toBe(true);
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
    expect(c.site.name).not.toMatch(/interpol|europol/i);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe' });
    } catch (e) {
      expect((e as Error).message).toContain('PORT');
      expect((e as Error).message).toContain('DATABASE_URL');
      expect((e as Error).message).toContain('DEMO_DATA');
    }
  });

  it('selects PostgreSQL with a postgres URL and reads the office identity', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db/liaison', SITE_NAME: 'Test Office', DEMO_DATA: 'false' });
    expect(c.databaseUrl).toBe('postgres://u:p@db/liaison');
    expect(c.site.name).toBe('Test Office');
    expect(c.demoData).toBe(false);
  });
});

describe('audit signing key location', () => {
  it('defaults to a secrets folder beside DATA_DIR, never inside it', () => {
    const c = loadConfig({ DATA_DIR: '/srv/liaison/data' });
    expect(c.auditSigningKeyFile).toBe('/srv/liaison/secrets/audit-ed25519.pem');
    expect(c.auditSigningKeyIsDefault).toBe(true);
    expect(c.auditVerifyKeyFile).toBeNull();
    expect(c.auditSigningKeyFile!.startsWith('/srv/liaison/data/')).toBe(false);
  });

  it('has no key file for an in-memory database', () => {
    expect(loadConfig({ DATA_DIR: ':memory:' }).auditSigningKeyFile).toBeNull();
  });

  it('takes the operator’s key files', () => {
    const c = loadConfig({ AUDIT_SIGNING_KEY_FILE: '/etc/liaison/audit.pem', AUDIT_VERIFY_KEY_FILE: '/etc/liaison/audit.pub.pem' });
    expect(c.auditSigningKeyFile).toBe('/etc/liaison/audit.pem');
    expect(c.auditSigningKeyIsDefault).toBe(false);
    expect(c.auditVerifyKeyFile).toBe('/etc/liaison/audit.pub.pem');
  });
});

describe('database, timeout and shutdown settings', () => {
  it('have defaults that bound every wait', () => {
    const c = loadConfig({});
    expect(c.db).toEqual({ poolSize: 10, connectTimeoutMs: 3_000, statementTimeoutMs: 5_000, lockTimeoutMs: 3_000, startupWaitMs: 60_000 });
    expect(c.requestTimeoutMs).toBe(10_000);
  });

  it('are read from the environment', () => {
    const c = loadConfig({
      DB_POOL_SIZE: '25',
      DB_CONNECT_TIMEOUT_MS: '1500',
      DB_STATEMENT_TIMEOUT_MS: '2000',
      DB_LOCK_TIMEOUT_MS: '500',
      DB_STARTUP_WAIT_MS: '0',
      REQUEST_TIMEOUT_MS: '4000',
      SHUTDOWN_DRAIN_MS: '1200',
    });
    expect(c.db).toEqual({ poolSize: 25, connectTimeoutMs: 1_500, statementTimeoutMs: 2_000, lockTimeoutMs: 500, startupWaitMs: 0 });
    expect(c.requestTimeoutMs).toBe(4_000);
    expect(c.shutdownDrainMs).toBe(1_200);
  });

  it('drain for 5 s by default only behind a load balancer', () => {
    expect(loadConfig({}).shutdownDrainMs).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).shutdownDrainMs).toBe(5_000);
    expect(loadConfig({ TRUST_PROXY: 'true', SHUTDOWN_DRAIN_MS: '0' }).shutdownDrainMs).toBe(0);
  });

  it('refuse values that would disable a guard or cannot be a size', () => {
    const bad = { DB_POOL_SIZE: '0', DB_CONNECT_TIMEOUT_MS: '0', DB_STATEMENT_TIMEOUT_MS: 'soon', DB_LOCK_TIMEOUT_MS: '-1', REQUEST_TIMEOUT_MS: '1.5', DB_STARTUP_WAIT_MS: '-5', SHUTDOWN_DRAIN_MS: 'x' };
    let message = '';
    try {
      loadConfig(bad);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    for (const name of Object.keys(bad)) expect(message).toContain(name);
  });
});
