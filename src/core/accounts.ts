/** Accounts of the portal: agencies, their users with roles, second factors and invites (domain types, no I/O). */
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
