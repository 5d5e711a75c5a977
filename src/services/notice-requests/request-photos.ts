/**
 * Use cases on a request's photos: add one (checked, re-encoded without metadata, stored in derived sizes), remove
 * one from the working copy, and read one size for a principal who may see the request.
 */
import { requirePurpose } from '../../core/audit.ts';
import { AppError } from '../../core/errors.ts';
import { newId, nowIso } from '../../core/ids.ts';
import type { PhotoStore } from '../../core/photos.ts';
import { decideTransition, type RequestPhoto } from '../../core/notice-requests.ts';
import type { Principal } from '../../core/principal.ts';
import { preparePhoto } from '../../render/photo-upload.ts';
import type { Db } from '../../storage/db.ts';
import { insertPhoto, listPhotos, markPhotoRemoved } from '../../storage/repositories/notice-requests.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { purposeImplied } from './get-notice-request.ts';
import { actorOf, recordStep, visibleRequest } from './request-steps.ts';

export const MAX_PHOTOS = 10;

/**
 * Decoding and re-encoding run before any transaction, so slow image work never holds the database; the bytes are
 * stored before the row that names them, so a row never points at nothing (a failed insert leaves unnamed bytes,
 * which hold no reference to the person).
 */
export async function addRequestPhoto(db: Db, store: PhotoStore, principal: Principal, id: string, bytes: Uint8Array, declaredType: string | undefined, now: Date): Promise<RequestPhoto> {
  const before = await visibleRequest(db, principal, id);
  decideTransition(before, 'edit', actorOf(principal), now);
  const prepared = await preparePhoto(bytes, declaredType);
  const photoId = newId(now.getTime());
  const sizes: RequestPhoto['sizes'] = {};
  for (const [size, image] of Object.entries(prepared.sizes)) {
    const key = `${photoId}-${size}`;
    await store.put(key, image.data, 'image/jpeg');
    sizes[size] = { key, width: image.width, height: image.height };
  }
  return inTransaction(db, async (trx) => {
    const r = await visibleRequest(trx, principal, id);
    decideTransition(r, 'edit', actorOf(principal), now);
    if ((await listPhotos(trx, r.id, { includeRemoved: false })).length >= MAX_PHOTOS)
      throw new AppError('conflict', 'notice_request.error.too_many_photos', { max: MAX_PHOTOS });
    const at = nowIso(now);
    const photo = await insertPhoto(trx, { id: photoId, requestId: r.id, width: prepared.width, height: prepared.height, sizes, createdBy: principal.userId, createdAt: at });
    await recordStep(trx, r, 'photo_added', r.status, principal, at, null, { photo: photoId }, r.version);
    await recordAudit(trx, { action: 'collect', objectType: 'notice_request', objectId: r.id, details: { change: 'photo_added', photo: photoId } });
    return photo;
  });
}

export async function removeRequestPhoto(db: Db, principal: Principal, id: string, photoId: string, now: Date): Promise<void> {
  await inTransaction(db, async (trx) => {
    const r = await visibleRequest(trx, principal, id);
    decideTransition(r, 'edit', actorOf(principal), now);
    const at = nowIso(now);
    // Marked, not deleted: a submitted version may still name the photo, and its review must see what was submitted.
    if (!(await markPhotoRemoved(trx, r.id, photoId, at))) throw new AppError('not_found', 'error.detail.resource_not_found');
    await recordStep(trx, r, 'photo_removed', r.status, principal, at, null, { photo: photoId }, r.version);
    await recordAudit(trx, { action: 'alter', objectType: 'notice_request', objectId: r.id, details: { change: 'photo_removed', photo: photoId } });
  });
}

/**
 * One size of a photo, for a principal who may see the request. Looking at a person's photo is a consultation like
 * reading the request: recorded with its purpose, which the reader states unless it is implied (see `purposeImplied`).
 */
export async function getRequestPhoto(
  db: Db,
  store: PhotoStore,
  principal: Principal,
  id: string,
  photoId: string,
  size: string,
  purposeAsked: unknown,
): Promise<{ data: Uint8Array; contentType: string }> {
  const r = await visibleRequest(db, principal, id);
  const purpose = purposeImplied(principal, r) ?? requirePurpose(purposeAsked);
  const photo = (await listPhotos(db, r.id, { includeRemoved: true })).find((p) => p.id === photoId);
  const stored = photo?.sizes[size];
  const blob = stored ? await store.get(stored.key) : undefined;
  if (!blob) throw new AppError('not_found', 'error.detail.resource_not_found');
  await inTransaction(db, (trx) =>
    recordAudit(trx, { action: 'consult', purpose, objectType: 'notice_request', objectId: r.id, details: { what: 'photo', photo: photoId, size } }),
  );
  return blob;
}
