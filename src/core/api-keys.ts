/** An API key as the domain sees it: owner, scope, expiry and allowed addresses (only the secret's hash is kept). */

export type ApiKey = {
  id: string;
  userId: string;
  name: string;
  keyHash: string;
  createdAt: string;
  expiresAt: string;
  readOnly: boolean;
  allowedAddresses: string[];
  revokedAt: string | null;
  lastUsedAt: string | null;
};
