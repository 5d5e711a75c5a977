/** Use case: find the public key that `audit verify` checks signatures with, without ever creating a key. */
import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../../config/config.ts';
import { AuditVerifyKey } from '../../core/audit-chain.ts';

/**
 * AUDIT_VERIFY_KEY_FILE (a public key, so verification can run where the private key must not be), else the public
 * half of the signing key file when it exists; null when neither is there.
 */
export function loadAuditVerifyKey(config: Pick<Config, 'auditSigningKeyFile' | 'auditVerifyKeyFile'>): { key: AuditVerifyKey; from: string } | null {
  const path = config.auditVerifyKeyFile ?? (config.auditSigningKeyFile && existsSync(config.auditSigningKeyFile) ? config.auditSigningKeyFile : null);
  if (path === null) return null;
  try {
    return { key: AuditVerifyKey.fromPem(readFileSync(path, 'utf8')), from: path };
  } catch (err) {
    throw new Error(`cannot use the audit key ${path}: ${(err as Error).message}`);
  }
}
