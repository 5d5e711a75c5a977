/** Accounts of the portal: agencies, their users with roles, second factors, invites and factor resets (domain types, no I/O). */
import type { Role } from './principal.ts';

export type Agency = {
  id: string;
  code: string;
  name: string;
  country: string;
  isOffice: boolean;
  isDemo: boolean;
  disabledAt: string | null;
  createdAt: string;
};

export type User = {
  id: string;
  agencyId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  passwordChangedAt: string | null;
  /** When a password was first set; null while the account was never activated (the only state an invite is for). */
  activatedAt: string | null;
  isDemo: boolean;
  disabledAt: string | null;
  createdAt: string;
  roles: Role[];
};

export type Passkey = {
  id: string;
  userId: string;
  credentialId: string;
  publicKey: string;
  counter: number;
  transports: string[];
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
};

export type Invite = {
  id: string;
  userId: string;
  kind: 'invite' | 'reset';
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
};

/** Never activated: no password was ever set, hence no sign-in ever happened. Only such accounts get invite links. */
export function neverActivated(user: Pick<User, 'passwordHash' | 'activatedAt'>): boolean {
  return user.passwordHash === null && user.activatedAt === null;
}

/** A request to reset the factors of an activated account, pending until a second administrator decides. */
export type FactorReset = {
  id: string;
  userId: string;
  requestedBy: string;
  requestedAt: string;
  reason: string;
  expiresAt: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  inviteId: string | null;
};
