/** Use case: create an Ed25519 audit key pair as files (private key mode 0600, public key beside it), never overwriting one. */
import { chmodSync, linkSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AuditVerifyKey, generateAuditKeyPair } from '../../core/audit-chain.ts';

/** Where the public half of a private key file goes: `audit.pem` → `audit.pub.pem`. */
export function publicKeyPathFor(privatePath: string): string {
  return `${privatePath.replace(/\.pem$/, '')}.pub.pem`;
}

/**
 * Writes a new key pair; throws (EEXIST) if the private key file exists, so a key that signed a trail is never lost.
 * The key is written under a temporary name and hard-linked into place: a process reading the file concurrently sees
 * either no file or the whole key, and two processes creating it at once end with one key.
 */
export function createAuditKeyFile(privatePath: string): { keyId: string; publicPath: string } {
  const { privatePem, publicPem } = generateAuditKeyPair();
  mkdirSync(dirname(privatePath), { recursive: true, mode: 0o700 });
  const tmp = `${privatePath}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, privatePem, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(tmp, 0o600);
    linkSync(tmp, privatePath);
  } finally {
    unlinkSync(tmp);
  }
  const publicPath = publicKeyPathFor(privatePath);
  writeFileSync(publicPath, publicPem, { mode: 0o644 });
  return { keyId: AuditVerifyKey.fromPem(publicPem).keyId, publicPath };
}
