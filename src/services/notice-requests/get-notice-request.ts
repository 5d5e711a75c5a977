/**
 * Use case: one request as the portal shows it (working copy, versions with what changed, history, photos, possible
 * duplicates found at submission), read only by those who may see it and recorded as a consultation with its purpose.
 */
import { requirePurpose } from '../../core/audit.ts';
import { diffFacts, liveStatuses, reviewStatuses, type FactChange, type NoticeRequest, type RequestEvent, type RequestPhoto, type RequestVersion } from '../../core/notice-requests.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getAgency, getUser } from '../../storage/repositories/accounts.ts';
import { listEvents, listPhotos, listVersions } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { visibleRequest } from './request-steps.ts';

export type RequestView = {
  request: NoticeRequest;
  agency: { name: string; country: string; code: string };
  versions: RequestVersion[];
  /** What the latest submitted version changed from the one before it (empty for a first version). */
  changes: FactChange[];
  events: RequestEvent[];
  photos: RequestPhoto[];
  /** Display names of the people in the history, by user id. */
  people: Record<string, string>;
  /** The public notice's reference while its extract is on the public site, else null. */
  publicReference: string | null;
  /** The purpose recorded with the consultation. */
  purpose: string;
};

/**
 * Whether a reader needs to state a purpose: the requesting agency works on its own request, and a reviewer on one
 * in review, as part of their task; everyone else consults another agency's personal data and must say why.
 */
export function purposeImplied(principal: Principal, r: Pick<NoticeRequest, 'agencyId' | 'status'>): string | null {
  if (principal.agencyId === r.agencyId) return 'requesting agency';
  if (principal.agencyIsOffice && principal.roles.includes('reviewer') && reviewStatuses.has(r.status)) return 'review';
  return null;
}

export async function getNoticeRequest(db: Db, principal: Principal, id: string, purposeAsked: unknown): Promise<RequestView> {
  return inTransaction(db, async (trx) => {
    const request = await visibleRequest(trx, principal, id);
    const purpose = purposeImplied(principal, request) ?? requirePurpose(purposeAsked);
    const [versions, events, photos, agency] = await Promise.all([
      listVersions(trx, id),
      listEvents(trx, id),
      listPhotos(trx, id, { includeRemoved: false }),
      getAgency(trx, request.agencyId),
    ]);
    const [latest, previous] = versions;
    const people: Record<string, string> = {};
    for (const userId of new Set(events.map((e) => e.actorUserId).filter((u): u is string => u !== null))) {
      const user = await getUser(trx, userId);
      if (user) people[userId] = user.name;
    }
    await recordAudit(trx, { action: 'consult', purpose, objectType: 'notice_request', objectId: id, details: { status: request.status } });
    const circulating = versions.find((v) => v.version === request.publishedVersion);
    const isPublic = liveStatuses.has(request.status) && circulating?.facts.publicExtract.consent === true;
    return {
      request,
      agency: { name: agency?.name ?? '', country: agency?.country ?? '', code: agency?.code ?? '' },
      versions,
      changes: latest && previous ? diffFacts(previous.facts, latest.facts) : [],
      events,
      photos,
      people,
      publicReference: isPublic ? request.reference : null,
      purpose,
    };
  });
}
