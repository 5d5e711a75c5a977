import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, officeText } from './config.ts';

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

describe('office texts per language', () => {
  it('leave the emergency sentence to each language’s catalog when unset', () => {
    const c = loadConfig({});
    expect(c.site.emergencyText).toEqual({ any: undefined, byLang: {} });
    expect(officeText(c.site.emergencyText, 'fr')).toBeUndefined();
  });

  it('take SITE_EMERGENCY_TEXT_<LANG> per language, the plain variable serving the languages without one', () => {
    const c = loadConfig({ SITE_EMERGENCY_TEXT: 'Call 112, or 999 in the UK.', SITE_EMERGENCY_TEXT_FR: 'Appelez le 112, ou le 999 au Royaume-Uni.' });
    expect(officeText(c.site.emergencyText, 'fr')).toBe('Appelez le 112, ou le 999 au Royaume-Uni.');
    expect(officeText(c.site.emergencyText, 'en')).toBe('Call 112, or 999 in the UK.');
    expect(officeText(c.site.emergencyText, 'de')).toBe('Call 112, or 999 in the UK.');
  });

  it('read the JSON form, refined by a per-language variable', () => {
    const c = loadConfig({ SITE_EMERGENCY_TEXT: '{"en":"Call 112.","fr":"Appelez le 112."}', SITE_EMERGENCY_TEXT_FR: 'Composez le 112.' });
    expect(c.site.emergencyText).toEqual({ any: undefined, byLang: { en: 'Call 112.', fr: 'Composez le 112.' } });
    expect(officeText(c.site.emergencyText, 'de')).toBeUndefined();
  });

  it('give the office’s name per language, SITE_NAME for the others', () => {
    const c = loadConfig({ SITE_NAME: 'Test Office', SITE_NAME_FR: 'Bureau de test' });
    expect(c.site.name).toBe('Test Office');
    expect(officeText(c.site.names, 'fr')).toBe('Bureau de test');
    expect(officeText(c.site.names, 'en')).toBe('Test Office');
  });

  it('refuse bad JSON, a key that is no language, empty or overlong texts, naming each variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ SITE_EMERGENCY_TEXT: '{"fr": "Appelez"' }, 'SITE_EMERGENCY_TEXT: is not valid JSON'],
      [{ SITE_EMERGENCY_TEXT: '{"French": "Appelez le 112."}' }, 'French is not a language code'],
      [{ SITE_EMERGENCY_TEXT: '{"fr": ""}' }, 'SITE_EMERGENCY_TEXT'],
      [{ SITE_EMERGENCY_TEXT_FR: '   ' }, 'SITE_EMERGENCY_TEXT_FR'],
      [{ SITE_NAME_DE: 'x'.repeat(121) }, 'SITE_NAME_DE'],
      [{ SITE_EMERGENCY_TEXT: 'x'.repeat(201) }, 'SITE_EMERGENCY_TEXT'],
    ];
    for (const [env, expected] of cases) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(expected);
    }
  });
});
