/** Row types of the account tables: agencies, users, roles, second factors, sessions, sign-in throttling, invites and factor resets. */

export interface AgenciesTable {
  id: string;
  /** Short unique code, upper-case, e.g. `DE-BKA`. */
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2 country. */
  country: string;
  /** 1 for the office's own agency. */
  is_office: number;
  is_demo: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  agency_id: string;
  /** Lower-case, unique. */
  email: string;
  name: string;
  /** argon2id PHC string; null until the invitee sets a password. */
  password_hash: string | null;
  password_changed_at: string | null;
  /** When a password was first set (invite accepted, or created with one); stays set after a factor reset. */
  activated_at: string | null;
  is_demo: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface UserTotpTable {
  user_id: string;
  /** Base32 secret. */
  secret: string;
  /** Last accepted 30-second time-step, so that a code is accepted once only. */
  last_step: number;
  created_at: string;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  /** SHA-256 hex of the normalised code (codes are 80-bit random, so a fast hash suffices). */
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface PasskeysTable {
  id: string;
  user_id: string;
  /** WebAuthn credential id, base64url. */
  credential_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of transports. */
  transports: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 hex of the cookie token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  /** When the second factor was verified; null while only the password is proven. */
  mfa_at: string | null;
  /** Last proof of presence (password or second factor) for sensitive actions. */
  reauth_at: string;
  /** 1 when born from an invite: the only kind of session that may enrol a first factor. */
  enrolment: number;
  /** TOTP secret being enrolled, until confirmed with a code. */
  pending_totp_secret: string | null;
  /** Outstanding WebAuthn challenge (registration or authentication). */
  webauthn_challenge: string | null;
  user_agent: string | null;
  ip: string | null;
}

export interface SigninThrottleTable {
  /** `account:<email>`, `address:<ip>` or `mfa:<user id>`. */
  key: string;
  failures: number;
  window_start: string;
  last_failure_at: string;
  locked_until: string | null;
}

export interface InvitesTable {
  id: string;
  /** SHA-256 hex of the link token. */
  token_hash: string;
  user_id: string;
  created_by: string | null;
  kind: 'invite' | 'reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A factor reset of an activated account: requested by one administrator, approved by another (two-person rule). */
export interface FactorResetsTable {
  id: string;
  user_id: string;
  requested_by: string;
  requested_at: string;
  /** Why the reset is needed, as the requester states it, so the approver can check it. */
  reason: string;
  /** A request not decided by then lapses. */
  expires_at: string;
  status: 'pending' | 'approved' | 'rejected';
  decided_by: string | null;
  decided_at: string | null;
  /** The reset link issued on approval (the only kind of link that may set a password on an activated account). */
  invite_id: string | null;
}

export interface AccountTables {
  agencies: AgenciesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  user_totp: UserTotpTable;
  recovery_codes: RecoveryCodesTable;
  passkeys: PasskeysTable;
  sessions: SessionsTable;
  signin_throttle: SigninThrottleTable;
  invites: InvitesTable;
  factor_resets: FactorResetsTable;
}
