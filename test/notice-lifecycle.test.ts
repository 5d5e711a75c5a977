/**
 * The notice-request lifecycle through its use cases and the real app, on SQLite and PostgreSQL: consent on every
 * public surface, withdrawal in one transaction, expiry and renewal on a controlled clock, four eyes and racing
 * reviewers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { AppError } from '../src/core/errors.ts';
import { expiryAfter } from '../src/core/notice-requests.ts';
import { referenceToSlug } from '../src/core/notices.ts';
import type { Principal } from '../src/core/principal.ts';
import { changeNoticeStage } from '../src/services/notice-requests/change-notice-stage.ts';
import { createNoticeRequest } from '../src/services/notice-requests/create-notice-request.ts';
import { expireNoticeRequests } from '../src/services/notice-requests/expire-notice-requests.ts';
import { getNoticeRequest } from '../src/services/notice-requests/get-notice-request.ts';
import { listAgencyRequests } from '../src/services/notice-requests/list-notice-requests.ts';
import { reviewNoticeRequest } from '../src/services/notice-requests/review-notice-request.ts';
import { saveNoticeRequest } from '../src/services/notice-requests/save-notice-request.ts';
import { searchPortalNotices } from '../src/services/notice-requests/search-portal-notices.ts';
import { submitNoticeRequest } from '../src/services/notice-requests/submit-notice-request.ts';
import { withdrawNoticeRequest } from '../src/services/notice-requests/withdraw-notice-request.ts';
import { runInScope } from '../src/services/request-scope.ts';
import { getNoticeByReference } from '../src/storage/repositories/notices.ts';
import { getRequest } from '../src/storage/repositories/notice-requests.ts';
import {
  actor,
  agency,
  approval,
  everywhere,
  nowhere,
  openLifecyclePlatform,
  photoJpeg,
  publicGet,
  publicSurfaces,
  publishRequest,
  refusal,
  wantedFacts,
} from './request-support.ts';
import { dialects } from './support/stores.ts';

const PURPOSE = 'Investigation 2026/117: checking a suspect against circulating notices';

const plusMonths = (d: Date, months: number, days = 0): Date => {
  const out = new Date(d);
  out.setUTCMonth(out.getUTCMonth() + months);
  out.setUTCDate(out.getUTCDate() + days);
  return out;
};

describe.each(dialects)('notice lifecycle on %s', (dialect) => {
  let p: Platform;
  /** Officers of the German requesting agency, an officer of a Croatian one, reviewers of the office. */
  let de1: Principal;
  let de2: Principal;
  let hr: Principal;
  let reviewer: Principal;
  let reviewer2: Principal;
  /** Office members who draft as officers and also review. */
  let drafter: Principal;
  let submitter: Principal;

  beforeAll(async () => {
    p = await openLifecyclePlatform(dialect);
    const de = await agency(p, { country: 'DE' });
    const hrAgency = await agency(p, { country: 'HR' });
    const office = await agency(p, { isOffice: true, country: 'FR' });
    [de1, de2, hr, reviewer, reviewer2, drafter, submitter] = await Promise.all([
      actor(p, de, ['officer']),
      actor(p, de, ['officer']),
      actor(p, hrAgency, ['officer']),
      actor(p, office, ['reviewer']),
      actor(p, office, ['reviewer']),
      actor(p, office, ['officer', 'reviewer']),
      actor(p, office, ['officer', 'reviewer']),
    ]);
  });
  afterAll(() => p.close());

  const db = () => p.store.db;
  const person = (familyName: string, forename: string) => ({ familyName, forename, kind: 'wanted' as const });

  describe('consent', () => {
    it('keeps a notice approved without consent off every public surface, while every agency sees it in the portal', async () => {
      const facts = wantedFacts({ familyName: 'Brandauer', forename: 'Konrad', nameOriginal: null, publicExtract: { consent: false, fields: [] } });
      const r = await publishRequest(p, de1, reviewer, facts, new Date());
      expect(r.status).toBe('published');
      expect(r.reference).toMatch(/^\d{4}\/\d{5}$/);
      expect(r.noticeId).toBeNull();
      expect(await publicSurfaces(p, r.reference!, person('Brandauer', 'Konrad'))).toEqual(nowhere(404));
      const portal = await searchPortalNotices(db(), hr, { purpose: PURPOSE, name: 'Konrad Brandauer', scope: 'circulating' }, new Date());
      expect(portal.hits.map((h) => h.request.id)).toContain(r.id);
    });

    it('takes the public extract down when an approved update withdraws consent', async () => {
      const facts = wantedFacts({ familyName: 'Lindqvist', forename: 'Harald', nameOriginal: null });
      const r = await publishRequest(p, de1, reviewer, facts, new Date());
      expect(await publicSurfaces(p, r.reference!, person('Lindqvist', 'Harald'))).toEqual(everywhere);

      await changeNoticeStage(db(), de1, r.id, 'start_update', new Date());
      await saveNoticeRequest(db(), de1, r.id, { ...r.facts, publicExtract: { consent: false, fields: [] } }, new Date());
      await submitNoticeRequest(db(), p.deps.noticeIndex, de1, r.id, new Date());
      // Under review, the published extract keeps circulating unchanged.
      expect((await publicSurfaces(p, r.reference!, person('Lindqvist', 'Harald'))).page).toBe(200);
      const updated = await reviewNoticeRequest(db(), p.deps.photoStore, reviewer2, r.id, approval, new Date());

      expect(updated.status).toBe('published');
      expect(await publicSurfaces(p, r.reference!, person('Lindqvist', 'Harald'))).toEqual(nowhere(410));
    });

    it('shows only the consented fields: no date of birth and no photo without consent to them', async () => {
      const facts = wantedFacts({ familyName: 'Oyelaran', forename: 'Tunde', nameOriginal: 'Túndé Oyèláràn', publicExtract: { consent: true, fields: ['nameOriginal'] } });
      const r = await publishRequest(p, de1, reviewer, facts, new Date(), { photo: await photoJpeg() });
      expect(r.facts.dateOfBirth).toBe('1979-03-09');

      const res = await publicGet(p, `/api/v1/notices/${referenceToSlug(r.reference!)}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ familyName: 'Oyelaran', nameOriginal: 'Túndé Oyèláràn', dateOfBirth: null, placeOfBirth: null, nationalities: [], images: [] });
      // Warrant details and documents stay in the portal whatever the consent.
      const json = JSON.stringify(body);
      for (const secret of ['1979-03-09', 'FX-4471-SECRET', '§ 250 StGB', 'Amtsgericht Köln', 'BKA-2026-0001']) expect(json).not.toContain(secret);
      const images = await db().selectFrom('notice_images').select('id').where('notice_id', '=', r.noticeId!).execute();
      expect(images).toEqual([]);
      const page = await (await publicGet(p, `/notices/${referenceToSlug(r.reference!)}`)).text();
      expect(page).not.toContain('/images/');
      expect(page).not.toContain('1979');
    });
  });

  describe('withdrawal', () => {
    it('reaches every public surface in the withdrawing transaction, and nothing happens when that transaction fails', async () => {
      const facts = wantedFacts({ familyName: 'Marchetti', forename: 'Lucio', nameOriginal: null });
      const r = await publishRequest(p, de1, reviewer, facts, new Date(), { photo: await photoJpeg() });
      const slug = referenceToSlug(r.reference!);
      const detail = (await (await publicGet(p, `/api/v1/notices/${slug}`)).json()) as { images: { url: string }[] };
      expect(detail.images).toHaveLength(1);
      const imagePaths = [new URL(detail.images[0]!.url).pathname, `/notices/${slug}/images/${new URL(detail.images[0]!.url).pathname.split('/').pop()}`];
      for (const path of imagePaths) expect((await publicGet(p, path)).status).toBe(200);
      expect(await publicSurfaces(p, r.reference!, person('Marchetti', 'Lucio'))).toEqual(everywhere);

      const failure = db()
        .transaction()
        .execute(async (trx) => {
          await withdrawNoticeRequest(trx, de1, r.id, { reason: 'arrested', note: 'Arrested in Rotterdam' }, new Date());
          // Inside the transaction the extract is already down: the takedown is part of the withdrawal's writes.
          expect((await getNoticeByReference(trx, r.reference!))?.status).toBe('withdrawn');
          throw new Error('the caller fails after the withdrawal');
        });
      await expect(failure).rejects.toThrow('the caller fails after the withdrawal');
      expect((await getRequest(db(), r.id))?.status).toBe('published');
      expect(await publicSurfaces(p, r.reference!, person('Marchetti', 'Lucio'))).toEqual(everywhere);
      for (const path of imagePaths) expect((await publicGet(p, path)).status).toBe(200);

      await runInScope({ principal: de1, ip: '203.0.113.7', userAgent: null, purpose: null, channel: 'portal' }, () =>
        withdrawNoticeRequest(db(), de1, r.id, { reason: 'arrested', note: 'Arrested in Rotterdam' }, new Date()),
      );

      expect(await publicSurfaces(p, r.reference!, person('Marchetti', 'Lucio'))).toEqual(nowhere(410));
      for (const path of imagePaths) expect((await publicGet(p, path)).status).not.toBe(200);
      const gone = await publicGet(p, `/notices/${slug}`);
      const explanation = await gone.text();
      expect(explanation).toContain(r.reference!);
      expect(explanation).toContain('no longer public');
      expect(explanation).not.toContain('Marchetti');
      expect(await (await publicGet(p, '/notices/v1/changes.atom')).text()).toContain(`Notice ${r.reference} withdrawn`);

      // The portal keeps it, as withdrawn, with its reason, for its agency and the office.
      const view = await getNoticeRequest(db(), de2, r.id, undefined);
      expect(view.request).toMatchObject({ status: 'withdrawn', withdrawalReason: 'arrested', withdrawalNote: 'Arrested in Rotterdam' });
      expect(view.events.some((e) => e.action === 'withdraw' && e.details.reason === 'arrested')).toBe(true);
      expect((await getNoticeRequest(db(), reviewer, r.id, PURPOSE)).request.status).toBe('withdrawn');
      expect((await listAgencyRequests(db(), de2, { status: 'withdrawn' }, new Date())).map((i) => i.id)).toContain(r.id);
      // The audit trail records who withdrew it and why.
      const entries = await db().selectFrom('audit_log').selectAll().where('object_id', '=', r.id).execute();
      const withdrawal = entries.filter((e) => (JSON.parse(e.details ?? '{}') as { change?: string }).change === 'withdrawn');
      expect(withdrawal).toHaveLength(1);
      expect(withdrawal[0]).toMatchObject({ user_id: de1.userId, ip: '203.0.113.7' });
      expect(JSON.parse(withdrawal[0]!.details!)).toMatchObject({ reason: 'arrested', publicExtractRemoved: true });
    });

    it('lets the office withdraw another agency’s notice, and no other agency', async () => {
      const r = await publishRequest(p, de1, reviewer, wantedFacts({ familyName: 'Quennell', forename: 'Edith', nameOriginal: null }), new Date());
      expect(await refusal(withdrawNoticeRequest(db(), hr, r.id, { reason: 'error', note: '' }, new Date()))).toBe('conflict notice_request.error.not_yours');
      const withdrawn = await withdrawNoticeRequest(db(), reviewer, r.id, { reason: 'error', note: 'Duplicate of an older notice' }, new Date());
      expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawalReason: 'error' });
      expect((await publicSurfaces(p, r.reference!, person('Quennell', 'Edith'))).page).toBe(410);
      // No longer circulating, it is another agency's request no more: not found.
      expect(await refusal(getNoticeRequest(db(), hr, r.id, PURPOSE))).toBe('not_found error.detail.resource_not_found');
    });
  });

  describe('expiry and renewal on a controlled clock', () => {
    // Two years back, so these notices expire on a day no other test's notice does.
    const T = plusMonths(new Date(), -24);
    const warrants = [{ ...wantedFacts().warrants![0]!, warrantDate: plusMonths(T, -3).toISOString().slice(0, 10) }];

    it('refuses renewal seven months before expiry, allows it five months before, and restarts five years at its approval', async () => {
      const r = await publishRequest(p, de1, reviewer, wantedFacts({ familyName: 'Vasquez-Roura', forename: 'Maite', nameOriginal: null, warrants }), T);
      expect(r.expiresAt).toBe(expiryAfter(T.toISOString()));
      const early = plusMonths(T, 4 * 12 + 5);
      const inWindow = plusMonths(T, 4 * 12 + 7);
      expect(await refusal(changeNoticeStage(db(), de1, r.id, 'request_renewal', early))).toBe('conflict notice_request.error.renewal_not_yet');
      const before = await listAgencyRequests(db(), de1, { status: 'published' }, early);
      expect(before.find((i) => i.id === r.id)?.expiringSoon).toBe(false);
      const reminded = await listAgencyRequests(db(), de1, { status: 'published' }, inWindow);
      expect(reminded.find((i) => i.id === r.id)?.expiringSoon).toBe(true);

      const asked = await changeNoticeStage(db(), de2, r.id, 'request_renewal', inWindow);
      expect(asked.status).toBe('renewal_submitted');
      // The asking officer is a contributor of the renewal: as a reviewer they could not decide it.
      expect(asked.contributors).toContain(de2.userId);
      expect((await publicSurfaces(p, r.reference!, person('Vasquez-Roura', 'Maite'))).page).toBe(200);
      const approvedAt = plusMonths(inWindow, 0, 3);
      const renewed = await reviewNoticeRequest(db(), p.deps.photoStore, reviewer2, r.id, approval, approvedAt);
      expect(renewed.status).toBe('published');
      expect(renewed.expiresAt).toBe(expiryAfter(approvedAt.toISOString()));
      expect(renewed.expiresAt! > r.expiresAt!).toBe(true);
    });

    it('expires an unrenewed notice at its date, takes its extract down, and does nothing on a second run', async () => {
      const r = await publishRequest(p, de1, reviewer, wantedFacts({ familyName: 'Okonkwo-Berg', forename: 'Ifeoma', nameOriginal: null, warrants }), T);
      expect(await expireNoticeRequests(db(), plusMonths(T, 5 * 12, -1))).toBe(0);
      expect((await getRequest(db(), r.id))?.status).toBe('published');

      expect(await expireNoticeRequests(db(), plusMonths(T, 5 * 12, 1))).toBe(1);
      expect((await getRequest(db(), r.id))?.status).toBe('expired');
      expect(await publicSurfaces(p, r.reference!, person('Okonkwo-Berg', 'Ifeoma'))).toEqual(nowhere(410));
      expect(await expireNoticeRequests(db(), plusMonths(T, 5 * 12, 2))).toBe(0);
      expect(await refusal(changeNoticeStage(db(), de1, r.id, 'request_renewal', plusMonths(T, 5 * 12, 2)))).toBe(
        'conflict notice_request.error.transition',
      );
    });
  });

  describe('four eyes', () => {
    it('refuses the review to whoever drafted, edited or submitted the version, and lets another reviewer decide', async () => {
      const created = await createNoticeRequest(db(), drafter, wantedFacts({ familyName: 'Aubertin', forename: 'Sylvain', nameOriginal: null }), new Date());
      await saveNoticeRequest(db(), drafter, created.id, { ...created.facts, distinguishingMarks: 'Tattoo of an anchor' }, new Date());
      const { request } = await submitNoticeRequest(db(), p.deps.noticeIndex, submitter, created.id, new Date());
      expect(request.contributors.sort()).toEqual([drafter.userId, submitter.userId].sort());

      for (const who of [drafter, submitter]) {
        const err = await reviewNoticeRequest(db(), p.deps.photoStore, who, created.id, approval, new Date()).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        expect(err).toMatchObject({ status: 409, key: 'notice_request.error.four_eyes' });
        const asked = reviewNoticeRequest(db(), p.deps.photoStore, who, created.id, { ...approval, decision: 'request_changes', comment: 'Fine by me' }, new Date());
        expect(await refusal(asked)).toBe('conflict notice_request.error.four_eyes');
      }
      expect((await getRequest(db(), created.id))?.status).toBe('submitted');
      const approved = await reviewNoticeRequest(db(), p.deps.photoStore, reviewer, created.id, approval, new Date());
      expect(approved.status).toBe('published');
    });

    it('refuses an update’s review to the reviewer who edited it, though they approved the first version', async () => {
      const r = await publishRequest(p, drafter, submitter, wantedFacts({ familyName: 'Ferreira-Lindt', forename: 'Joana', nameOriginal: null }), new Date());
      await changeNoticeStage(db(), submitter, r.id, 'start_update', new Date());
      await saveNoticeRequest(db(), submitter, r.id, { ...r.facts, distinguishingMarks: 'Limps' }, new Date());
      await submitNoticeRequest(db(), p.deps.noticeIndex, drafter, r.id, new Date());
      expect(await refusal(reviewNoticeRequest(db(), p.deps.photoStore, submitter, r.id, approval, new Date()))).toBe('conflict notice_request.error.four_eyes');
      expect((await reviewNoticeRequest(db(), p.deps.photoStore, reviewer, r.id, approval, new Date())).status).toBe('published');
    });
  });

  it('lets exactly one of two reviewers approving at once publish, the other getting a conflict', async () => {
    const created = await createNoticeRequest(db(), de1, wantedFacts({ familyName: 'Thorvaldsen', forename: 'Birgit', nameOriginal: null }), new Date());
    await submitNoticeRequest(db(), p.deps.noticeIndex, de1, created.id, new Date());
    const results = await Promise.allSettled([
      reviewNoticeRequest(db(), p.deps.photoStore, reviewer, created.id, approval, new Date()),
      reviewNoticeRequest(db(), p.deps.photoStore, reviewer2, created.id, approval, new Date()),
    ]);
    const won = results.filter((x) => x.status === 'fulfilled');
    const lost = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(AppError);
    expect((lost[0]!.reason as AppError).code).toBe('conflict');
    const notices = await db().selectFrom('notices').select(['id', 'reference']).where('family_name', '=', 'Thorvaldsen').execute();
    expect(notices).toHaveLength(1);
    const published = await getRequest(db(), created.id);
    expect(published).toMatchObject({ status: 'published', noticeId: notices[0]!.id, reference: notices[0]!.reference });
    const events = (await getNoticeRequest(db(), de1, created.id, undefined)).events.filter((e) => e.action === 'approve');
    expect(events).toHaveLength(1);
  });
});
