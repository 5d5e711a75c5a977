/** Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes), including a decoy for unknown accounts. */
import { Algorithm, hash, verify } from '@node-rs/argon2';

const options = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

let decoy: Promise<string> | undefined;

/**
 * Verifies a password against a stored hash. With no hash (unknown account, or not yet set) it verifies against a decoy
 * hash and fails, so that the answer takes the same time whether the account exists or not.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    decoy ??= hashPassword('decoy password that is never accepted');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
