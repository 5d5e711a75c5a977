/** Use case at start-up: load (or, by default, create once) the audit signing key and install it for every append. */
import { readFileSync, statSync } from 'node:fs';
import type { Config } from '../../config/config.ts';
import { AuditSigner, generateAuditKeyPair } from '../../core/audit-chain.ts';
import { installAuditSigner } from '../../storage/repositories/audit.ts';
import { createAuditKeyFile } from './create-audit-key-file.ts';

export type AuditKeySetup = {
  keyId: string;
  /** The private key file, or null for a key that lives only in this process (in-memory database). */
  path: string | null;
  /** True when this call created the key file. */
  created: boolean;
  /** What an operator must know (a default or throw-away key, loose file permissions); null when all is as it should be. */
  warning: string | null;
};

// One throw-away key per process, so that several in-memory platforms (tests) sign alike.
let ephemeral: AuditSigner | null = null;

function readSigner(path: string): AuditSigner {
  try {
    return AuditSigner.fromPem(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot use the audit signing key ${path}: ${(err as Error).message}`);
  }
}

/**
 * Installs the signer that `appendAudit` uses from now on. With AUDIT_SIGNING_KEY_FILE set the file must exist and hold
 * an Ed25519 PKCS#8 key; unset, a key is created once in `secrets/` beside DATA_DIR and a warning says a real
 * deployment must bring its own (kept where database access does not reach). Idempotent: call it before any append.
 */
export function installAuditSigningKey(config: Pick<Config, 'auditSigningKeyFile' | 'auditSigningKeyIsDefault'>): AuditKeySetup {
  const path = config.auditSigningKeyFile;
  if (path === null) {
    ephemeral ??= AuditSigner.fromPem(generateAuditKeyPair().privatePem);
    installAuditSigner(ephemeral);
    return {
      keyId: ephemeral.keyId,
      path: null,
      created: false,
      warning: 'the audit trail of this in-memory database is signed with a key that lives only in this process',
    };
  }
  let created = false;
  if (config.auditSigningKeyIsDefault) {
    try {
      createAuditKeyFile(path);
      created = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const signer = readSigner(path);
  installAuditSigner(signer);
  const warnings: string[] = [];
  if (config.auditSigningKeyIsDefault) {
    warnings.push(
      `the audit trail is signed with the default key ${path}${created ? ' (created now)' : ''}; a real deployment must set AUDIT_SIGNING_KEY_FILE to its own key, kept where database access does not reach`,
    );
  }
  if ((statSync(path).mode & 0o077) !== 0) warnings.push(`the audit signing key ${path} is readable by other users (chmod 600 it)`);
  return { keyId: signer.keyId, path, created, warning: warnings.length > 0 ? warnings.join('; ') : null };
}
