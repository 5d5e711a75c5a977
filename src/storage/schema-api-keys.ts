/** Row types of API keys: per-user machine credentials, stored only as hashes. */

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 (hex) of the secret part; the secret itself is shown once and never stored. */
  key_hash: string;
  created_at: string;
  expires_at: string;
  read_only: number;
  /** JSON array of addresses or CIDR ranges; empty means any address. */
  allowed_addresses: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface ApiKeyTables {
  api_keys: ApiKeysTable;
}
