import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { AuditSigner, generateAuditKeyPair } from '../../core/audit-chain.ts';
import { installAuditSigner, installedAuditSigner } from '../../storage/repositories/audit.ts';
import { installAuditSigningKey } from './install-audit-signing-key.ts';
import { loadAuditVerifyKey } from './load-audit-verify-key.ts';

const root = mkdtempSync(join(tmpdir(), 'liaison-audit-key-'));
afterEach(() => installAuditSigner(null));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('installing the audit signing key', () => {
  it('creates the default key once beside DATA_DIR (mode 0600), warns, and reuses it', () => {
    const config = loadConfig({ DATA_DIR: join(root, 'a', 'data') });
    const first = installAuditSigningKey(config);
    const path = join(root, 'a', 'secrets', 'audit-ed25519.pem');
    expect(first).toMatchObject({ path, created: true });
    expect(first.warning).toMatch(/default key .*AUDIT_SIGNING_KEY_FILE/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(join(root, 'a', 'secrets', 'audit-ed25519.pub.pem'))).toBe(true);
    expect(installedAuditSigner()?.keyId).toBe(first.keyId);
    const again = installAuditSigningKey(config);
    expect(again).toMatchObject({ keyId: first.keyId, created: false });
    expect(loadAuditVerifyKey(config)?.key.keyId).toBe(first.keyId);
  });

  it('uses the operator’s key without creating one, and refuses a missing or foreign file', () => {
    const file = join(root, 'operator.pem');
    const { privatePem } = generateAuditKeyPair();
    writeFileSync(file, privatePem, { mode: 0o600 });
    const setup = installAuditSigningKey(loadConfig({ DATA_DIR: join(root, 'b', 'data'), AUDIT_SIGNING_KEY_FILE: file }));
    expect(setup).toMatchObject({ keyId: AuditSigner.fromPem(privatePem).keyId, created: false, warning: null });
    expect(existsSync(join(root, 'b', 'secrets'))).toBe(false);
    expect(() => installAuditSigningKey(loadConfig({ AUDIT_SIGNING_KEY_FILE: join(root, 'absent.pem') }))).toThrow(/cannot use the audit signing key/);
    const text = join(root, 'not-a-key.pem');
    writeFileSync(text, 'hello', { mode: 0o600 });
    expect(() => installAuditSigningKey(loadConfig({ AUDIT_SIGNING_KEY_FILE: text }))).toThrow(/cannot use the audit signing key/);
  });

  it('warns about a key file others can read', () => {
    const file = join(root, 'loose.pem');
    writeFileSync(file, generateAuditKeyPair().privatePem, { mode: 0o644 });
    expect(installAuditSigningKey(loadConfig({ AUDIT_SIGNING_KEY_FILE: file })).warning).toMatch(/readable by other users/);
  });

  it('signs an in-memory database with one key per process', () => {
    const a = installAuditSigningKey(loadConfig({ DATA_DIR: ':memory:' }));
    const b = installAuditSigningKey(loadConfig({ DATA_DIR: ':memory:' }));
    expect(a).toMatchObject({ path: null, created: false });
    expect(b.keyId).toBe(a.keyId);
    expect(loadAuditVerifyKey(loadConfig({ DATA_DIR: ':memory:' }))).toBeNull();
  });

  it('verifies with a public key file alone', () => {
    const pub = join(root, 'verify.pub.pem');
    const pair = generateAuditKeyPair();
    writeFileSync(pub, pair.publicPem);
    const found = loadAuditVerifyKey(loadConfig({ AUDIT_VERIFY_KEY_FILE: pub, DATA_DIR: join(root, 'c', 'data') }));
    expect(found).toMatchObject({ from: pub });
    expect(found!.key.publicPem).toBe(readFileSync(pub, 'utf8'));
  });
});
