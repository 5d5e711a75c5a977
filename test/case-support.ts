/** Helpers for the case-exchange tests: a platform per dialect with agencies in several countries and the office, complete case inputs, and the trail a case leaves. */
import type { Platform } from '../src/bootstrap.ts';
import type { CaseEntity, HandlingCode, Urgency } from '../src/core/cases.ts';
import { AppError } from '../src/core/errors.ts';
import type { Principal } from '../src/core/principal.ts';
import { openCase } from '../src/services/cases/open-case.ts';
import { runInScope } from '../src/services/request-scope.ts';
import type { Dialect } from '../src/storage/db.ts';
import type { StoredCase } from '../src/storage/repositories/cases.ts';
import { actor, agency, openLifecyclePlatform, type TestAgency } from './request-support.ts';

/**
 * The exchange's cast: officers of a German, a Croatian, a Dutch and a Ukrainian agency, an outsider agency (Poland)
 * that never takes part, and the office with a liaison officer, a reviewer and an officer.
 */
export type CaseWorld = {
  p: Platform;
  agencies: { de: TestAgency; hr: TestAgency; nl: TestAgency; ua: TestAgency; pl: TestAgency; office: TestAgency };
  de: Principal;
  hr: Principal;
  hr2: Principal;
  nl: Principal;
  ua: Principal;
  outsider: Principal;
  liaison: Principal;
  reviewer: Principal;
  officeOfficer: Principal;
};

export async function openCaseWorld(dialect: Dialect): Promise<CaseWorld> {
  const p = await openLifecyclePlatform(dialect);
  const [de, hr, nl, ua, pl, office] = await Promise.all([
    agency(p, { country: 'DE' }),
    agency(p, { country: 'HR' }),
    agency(p, { country: 'NL' }),
    agency(p, { country: 'UA' }),
    agency(p, { country: 'PL' }),
    agency(p, { isOffice: true, country: 'FR' }),
  ]);
  const [deOfficer, hrOfficer, hrOfficer2, nlOfficer, uaOfficer, outsider, liaison, reviewer, officeOfficer] = await Promise.all([
    actor(p, de, ['officer']),
    actor(p, hr, ['officer']),
    actor(p, hr, ['officer']),
    actor(p, nl, ['officer']),
    actor(p, ua, ['officer']),
    actor(p, pl, ['officer']),
    actor(p, office, ['liaison']),
    actor(p, office, ['reviewer']),
    actor(p, office, ['officer']),
  ]);
  return {
    p,
    agencies: { de, hr, nl, ua, pl, office },
    de: deOfficer,
    hr: hrOfficer,
    hr2: hrOfficer2,
    nl: nlOfficer,
    ua: uaOfficer,
    outsider,
    liaison,
    reviewer,
    officeOfficer,
  };
}

/** A message's content with the given handling code (H3 with a restriction, as the schema demands). */
export function messageOf(body: string, handlingCode: HandlingCode = 'H0') {
  return { body, handlingCode, restriction: handlingCode === 'H3' ? 'Only for the joint investigation team' : '', sourceGrade: 'B', informationGrade: '2' };
}

type CaseOptions = { urgency?: Urgency; subject?: string; handlingCode?: HandlingCode; body?: string; entities?: Partial<CaseEntity>[] };

/** A complete request for assistance to the given agencies. */
function caseInput(recipientAgencyIds: string[], o: CaseOptions = {}) {
  return {
    kind: 'request',
    subject: o.subject ?? 'Armed robbery series along the A3',
    nationalReference: 'BKA-ST-2026-0417',
    crimeArea: 'organised_property_crime',
    urgency: o.urgency ?? 'standard',
    recipientAgencyIds,
    entities: o.entities ?? [],
    message: messageOf(o.body ?? 'Please check the vehicle and the persons named against your records.', o.handlingCode),
  };
}

/** Opens a case from `from` to the given agencies at `now`. */
export function openCaseAt(w: CaseWorld, from: Principal, recipientAgencyIds: string[], now: Date, o: CaseOptions = {}): Promise<StoredCase> {
  return openCase(w.p.store.db, w.p.deps.noticeIndex, from, caseInput(recipientAgencyIds, o), now);
}

/** The AppError a promise is refused with, or a failure of the test when it is accepted. */
export async function refusedWith(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('accepted, where a refusal was expected');
}

/** Runs a use case as the pipeline does for a portal request of `principal`, so the trail records who acted. */
export function asPortal<T>(principal: Principal, fn: () => Promise<T>): Promise<T> {
  return runInScope({ principal, ip: '192.0.2.44', userAgent: 'case tests', purpose: null, channel: 'portal' }, fn);
}

type CaseAuditRow = { action: string; user_id: string | null; agency_id: string | null; purpose: string | null; details: string | null };

/** The audit entries of one case, in chain order. */
export async function caseAudit(p: Platform, caseId: string, action?: string): Promise<CaseAuditRow[]> {
  let q = p.store.db.selectFrom('audit_log').select(['action', 'user_id', 'agency_id', 'purpose', 'details']).where('object_type', '=', 'case').where('object_id', '=', caseId);
  if (action) q = q.where('action', '=', action);
  return q.orderBy('seq').execute();
}

export const plusMs = (d: Date, ms: number): Date => new Date(d.getTime() + ms);

export const plusMonths = (d: Date, months: number, days = 0): Date => {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  out.setUTCDate(out.getUTCDate() + days);
  return out;
};
