/** Lists a user's own API keys as the API-keys page shows them: settings and state, never the secret's hash. */
import type { Db } from '../../storage/db.ts';
import { listApiKeys } from '../../storage/repositories/api-keys.ts';

type ApiKeyState = 'active' | 'expired' | 'revoked';

export type OwnApiKey = {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  readOnly: boolean;
  allowedAddresses: string[];
  state: ApiKeyState;
};

/** Newest first. */
export async function listOwnApiKeys(db: Db, userId: string, now: Date): Promise<OwnApiKey[]> {
  const at = now.getTime();
  return (await listApiKeys(db, userId)).map((k) => ({
    id: k.id,
    name: k.name,
    createdAt: k.createdAt,
    expiresAt: k.expiresAt,
    lastUsedAt: k.lastUsedAt,
    readOnly: k.readOnly,
    allowedAddresses: k.allowedAddresses,
    state: k.revokedAt !== null ? 'revoked' : Date.parse(k.expiresAt) <= at ? 'expired' : 'active',
  }));
}

const comparable = (name: string): string => name.trim().normalize('NFC').toLowerCase();

/**
 * The key among `keys` that already holds `name`, if any. Names compare trimmed and case-insensitively. Revoked keys
 * free their name; expired ones do not, since the page still lists them with a revoke button named after the key.
 */
export function keyNamed(keys: readonly OwnApiKey[], name: string): OwnApiKey | undefined {
  const wanted = comparable(name);
  return keys.find((k) => k.state !== 'revoked' && comparable(k.name) === wanted);
}
