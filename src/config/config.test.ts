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
