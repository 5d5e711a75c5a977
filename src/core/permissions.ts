/** The one place that decides who may do what: permissions, the role → permission map, and object-level agency checks. */
import type { AuditFilters } from './audit.ts';
import { AppError } from './errors.ts';
import type { Principal, Role } from './principal.ts';

export const permissions = [
  /** Use the portal at all: own account, own sessions, own factors. */
  'portal.use',
  /** Read notices and cases owned by the principal's agency (and published ones). */
  'notices.read',
  /** Create and edit draft notices for the principal's agency. */
  'notices.submit',
  /** Review and publish notices submitted to the office. */
  'notices.review',
  /** Withdraw a notice: its requesting agency's officers, or the office's reviewers (the use case tells which applies). */
  'notices.withdraw',
  /** Read the cases one's agency takes part in (read-only keys keep it; writing needs `cases.exchange`). */
  'cases.read',
  /** Exchange messages and cases with counterpart agencies. */
  'cases.exchange',
  /** Read the office's statistics of the exchange (counts only, no case content). */
  'cases.statistics',
  /** Extend the retention of a closed case, with a reason (the office's reviewers and liaison officers). */
  'cases.retention',
  /** Edit the public site's news, events and content blocks (no personal data). */
  'content.edit',
  /** Create, disable and re-enable agencies (office administrators only). */
  'agencies.manage',
  /** Create, disable and re-enable users, assign roles, reset factors, issue invites. */
  'users.manage',
  /** Read and verify the audit trail (read-only). */
  'audit.read',
  /** Create and revoke one's own API keys. */
  'apikeys.own',
] as const;
export type Permission = (typeof permissions)[number];

/** What each role grants; a user's permissions are the union over their roles. */
export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  officer: ['portal.use', 'notices.read', 'notices.submit', 'notices.withdraw', 'cases.read', 'cases.exchange', 'apikeys.own'],
  reviewer: ['portal.use', 'notices.read', 'notices.review', 'notices.withdraw', 'cases.statistics', 'cases.retention', 'apikeys.own'],
  liaison: ['portal.use', 'notices.read', 'cases.read', 'cases.exchange', 'cases.statistics', 'cases.retention', 'apikeys.own'],
  editor: ['portal.use', 'content.edit'],
  // Administration of accounts never includes personal data of notices or cases.
  admin: ['portal.use', 'agencies.manage', 'users.manage'],
  auditor: ['portal.use', 'audit.read'],
};

/** Permissions that only take effect for members of the office's own agency. */
const officeOnly: ReadonlySet<Permission> = new Set<Permission>(['agencies.manage', 'notices.review', 'cases.statistics', 'cases.retention']);

/** Writing permissions a read-only principal (a read-only API key) never has. */
const readPermissions: ReadonlySet<Permission> = new Set<Permission>(['portal.use', 'notices.read', 'audit.read', 'cases.read', 'cases.statistics']);

/** Roles that only make sense inside the office (they review or relay on behalf of the office). */
export const officeRoles: ReadonlySet<Role> = new Set<Role>(['reviewer', 'liaison']);

export function permissionsOf(principal: Pick<Principal, 'roles' | 'agencyIsOffice' | 'readOnly'>): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of principal.roles) {
    for (const p of rolePermissions[role] ?? []) {
      if (officeOnly.has(p) && !principal.agencyIsOffice) continue;
      if (principal.readOnly && !readPermissions.has(p)) continue;
      granted.add(p);
    }
  }
  return granted;
}

export function can(principal: Principal | undefined, permission: Permission): boolean {
  return principal !== undefined && permissionsOf(principal).has(permission);
}

export function assertCan(principal: Principal | undefined, permission: Permission): asserts principal is Principal {
  if (!can(principal, permission)) throw new AppError('forbidden', 'error.detail.no_permission');
}

/**
 * Object-level check: the object must belong to the principal's agency. A foreign object answers "not found" so that
 * ids guessed from other agencies reveal nothing, not even that they exist.
 */
export function assertSameAgency(principal: Principal, ownerAgencyId: string): void {
  if (principal.agencyId !== ownerAgencyId) throw new AppError('not_found', 'error.detail.resource_not_found');
}

/**
 * Account administration scope: office administrators administer every agency's accounts; an administrator of any
 * other agency only their own agency's.
 */
export function assertCanAdminister(principal: Principal | undefined, targetAgencyId: string): asserts principal is Principal {
  assertCan(principal, 'users.manage');
  if (!principal.agencyIsOffice) assertSameAgency(principal, targetAgencyId);
}

/** Whether a role may be held by a member of an agency (office roles stay inside the office). */
export function roleAllowedFor(role: Role, agencyIsOffice: boolean): boolean {
  return agencyIsOffice || !officeRoles.has(role);
}

/**
 * Which part of the audit trail a reader sees: the office's auditors oversee every agency; an auditor of any other
 * agency sees only entries recorded for their own agency. Because the scope follows the reader's agency and not their
 * roles, an agency administrator who makes someone an auditor can never give them sight of other agencies.
 */
export function auditReadScope(principal: Principal | undefined): { scope: 'all' } | { scope: 'own_agency'; agencyId: string } {
  assertCan(principal, 'audit.read');
  return principal.agencyIsOffice ? { scope: 'all' } : { scope: 'own_agency', agencyId: principal.agencyId };
}

/**
 * The filters actually applied for a reader: unchanged for the office, pinned to the reader's agency otherwise; null
 * when the reader asked for another agency's entries, which then match nothing (rather than an error that would
 * confirm the agency id exists).
 */
export function scopeAuditFilters(principal: Principal | undefined, asked: AuditFilters): AuditFilters | null {
  const s = auditReadScope(principal);
  if (s.scope === 'all') return asked;
  if (asked.agencyId !== undefined && asked.agencyId !== s.agencyId) return null;
  return { ...asked, agencyId: s.agencyId };
}
