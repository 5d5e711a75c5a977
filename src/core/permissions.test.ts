import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { assertCan, assertCanAdminister, assertSameAgency, can, permissions, permissionsOf, roleAllowedFor, rolePermissions } from './permissions.ts';
import { roles, type Principal, type Role } from './principal.ts';

const principal = (roleList: Role[], over: Partial<Principal> = {}): Principal => ({
  userId: 'u1', email: 'a@x.example', name: 'A', agencyId: 'ag1', agencyCode: 'POL', country: 'DE', agencyIsOffice: false,
  roles: roleList, via: 'session', readOnly: false, sessionId: 's1', apiKeyId: null, ...over,
});

describe('permissions', () => {
  it('maps every role to known permissions and every role can use the portal', () => {
    for (const r of roles) {
      expect(rolePermissions[r]).toContain('portal.use');
      for (const p of rolePermissions[r]) expect(permissions).toContain(p);
    }
  });

  it('takes the union of several roles', () => {
    const p = principal(['editor', 'auditor']);
    expect(can(p, 'content.edit')).toBe(true);
    expect(can(p, 'audit.read')).toBe(true);
    expect(can(p, 'users.manage')).toBe(false);
  });

  it('never grants personal-data permissions to administrators by that role alone', () => {
    const admin = principal(['admin'], { agencyIsOffice: true });
    expect(can(admin, 'users.manage')).toBe(true);
    expect(can(admin, 'agencies.manage')).toBe(true);
    for (const p of ['notices.read', 'notices.submit', 'notices.review', 'cases.exchange', 'audit.read'] as const) expect(can(admin, p)).toBe(false);
  });

  it('keeps agency management and review inside the office', () => {
    expect(can(principal(['admin']), 'agencies.manage')).toBe(false);
    expect(can(principal(['reviewer']), 'notices.review')).toBe(false);
    expect(can(principal(['reviewer'], { agencyIsOffice: true }), 'notices.review')).toBe(true);
  });

  it('strips writing permissions from read-only principals', () => {
    const p = principal(['officer'], { readOnly: true, via: 'apikey' });
    expect([...permissionsOf(p)].sort()).toEqual(['cases.read', 'notices.read', 'portal.use']);
  });

  it('keeps the exchange of cases, their statistics and retention apart: who reads, who writes, and only in the office', () => {
    expect(can(principal(['officer']), 'cases.exchange')).toBe(true);
    expect(can(principal(['liaison'], { agencyIsOffice: true }), 'cases.statistics')).toBe(true);
    expect(can(principal(['liaison'], { agencyIsOffice: false }), 'cases.statistics')).toBe(false);
    expect(can(principal(['reviewer'], { agencyIsOffice: true }), 'cases.retention')).toBe(true);
    expect(can(principal(['reviewer'], { agencyIsOffice: true }), 'cases.exchange')).toBe(false);
    expect(can(principal(['officer'], { readOnly: true, via: 'apikey' }), 'cases.exchange')).toBe(false);
    expect(can(principal(['officer'], { readOnly: true, via: 'apikey' }), 'notices.withdraw')).toBe(false);
  });

  it('refuses the anonymous and throws forbidden', () => {
    expect(can(undefined, 'portal.use')).toBe(false);
    expect(() => assertCan(undefined, 'portal.use')).toThrowError(AppError);
    try {
      assertCan(principal(['officer']), 'users.manage');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('forbidden');
    }
  });

  it('checks object ownership by agency', () => {
    expect(() => assertSameAgency(principal(['officer']), 'ag1')).not.toThrow();
    expect(() => assertSameAgency(principal(['officer']), 'ag2')).toThrowError(/resource_not_found/);
  });

  it('scopes account administration to the own agency outside the office', () => {
    expect(() => assertCanAdminister(principal(['admin']), 'ag1')).not.toThrow();
    expect(() => assertCanAdminister(principal(['admin']), 'ag2')).toThrowError(AppError);
    expect(() => assertCanAdminister(principal(['admin'], { agencyIsOffice: true }), 'ag2')).not.toThrow();
    expect(() => assertCanAdminister(principal(['officer'], { agencyIsOffice: true }), 'ag1')).toThrowError(AppError);
  });

  it('keeps office roles inside the office', () => {
    expect(roleAllowedFor('reviewer', false)).toBe(false);
    expect(roleAllowedFor('liaison', true)).toBe(true);
    expect(roleAllowedFor('officer', false)).toBe(true);
  });
});
