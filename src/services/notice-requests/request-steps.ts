/** The steps every notice-request use case shares: reading a request a principal may see, and moving it one state on. */
import type { Transaction } from 'kysely';
import { newId, nowIso } from '../../core/ids.ts';
import {
  decideTransition,
  liveStatuses,
  type Actor,
  type NoticeRequest,
  type RequestAction,
  type RequestEvent,
  type RequestStatus,
} from '../../core/notice-requests.ts';
import { AppError } from '../../core/errors.ts';
import type { Principal } from '../../core/principal.ts';
import type { Db } from '../../storage/db.ts';
import { getRequest, insertEvent, updateRequest, type RequestPatch } from '../../storage/repositories/notice-requests.ts';
import type { Database } from '../../storage/schema.ts';

/** Whether a principal may see a request at all: its own agency's, every circulating one, and every one for the office's reviewers. */
export function canSee(principal: Principal, r: Pick<NoticeRequest, 'agencyId' | 'status'>): boolean {
  if (principal.agencyId === r.agencyId) return true;
  if (principal.agencyIsOffice && principal.roles.includes('reviewer')) return true;
  return liveStatuses.has(r.status);
}

/** Reads a request the principal may see; another agency's draft answers "not found", as an unknown id does. */
export async function visibleRequest(db: Db | Transaction<Database>, principal: Principal, id: string): Promise<NoticeRequest> {
  const r = await getRequest(db, id);
  if (!r || !canSee(principal, r)) throw new AppError('not_found', 'error.detail.resource_not_found');
  return r;
}

export const actorOf = (principal: Principal | null): Actor => (principal ? { kind: 'user', principal } : { kind: 'system' });

export type Move = {
  action: RequestAction;
  patch?: RequestPatch;
  comment?: string | null;
  details?: Record<string, unknown>;
};

/**
 * Decides and applies one move inside the caller's transaction, recording the step in the request's history. The
 * update only matches while the request is still in the status read, so of two racing moves one wins and the other is
 * refused (and rolled back with everything its use case wrote).
 */
export async function moveRequest(trx: Transaction<Database>, r: NoticeRequest, principal: Principal | null, move: Move, now: Date): Promise<RequestStatus> {
  const next = decideTransition(r, move.action, actorOf(principal), now);
  const at = nowIso(now);
  const changed = await updateRequest(trx, r.id, r.status, { ...move.patch, status: next }, at);
  if (!changed) throw new AppError('conflict', 'notice_request.error.changed_meanwhile');
  await recordStep(trx, r, move.action, next, principal, at, move.comment ?? null, move.details ?? {}, move.patch?.version ?? r.version);
  return next;
}

export async function recordStep(
  trx: Transaction<Database>,
  r: Pick<NoticeRequest, 'id'>,
  action: RequestEvent['action'],
  status: RequestStatus,
  principal: Principal | null,
  at: string,
  comment: string | null,
  details: Record<string, unknown>,
  version: number,
): Promise<void> {
  await insertEvent(trx, {
    id: newId(new Date(at).getTime()),
    requestId: r.id,
    version,
    at,
    actorUserId: principal?.userId ?? null,
    actorAgencyId: principal?.agencyId ?? null,
    action,
    status,
    comment,
    details,
  });
}
