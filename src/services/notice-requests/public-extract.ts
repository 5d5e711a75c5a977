/**
 * Puts a reviewed version's public extract on the public site (notices, their photos, and through the change log the
 * search index, feeds, sitemap and APIs of every instance) or takes it off, inside the caller's transaction.
 */
import type { Transaction } from 'kysely';
import type { PhotoStore } from '../../core/photos.ts';
import { publicExtractOf, type NoticeRequest, type RequestVersion } from '../../core/notice-requests.ts';
import type { Db } from '../../storage/db.ts';
import type { Database } from '../../storage/schema.ts';
import { getAgency } from '../../storage/repositories/accounts.ts';
import { listPhotos } from '../../storage/repositories/notice-requests.ts';
import { insertNoticeRow, nextReference, replaceNoticeImages, setNoticeStatus, updateNotice } from '../../storage/repositories/notices.ts';

/** The size of a photo the public site shows. */
const PUBLIC_SIZE = 'large';

export type PublicImage = { contentType: string; width: number; height: number; data: Uint8Array };

/**
 * The bytes of a version's photos in the size the public site shows, read before the publishing transaction opens:
 * the store may be the database, and on SQLite a read outside the transaction would wait for the connection it holds.
 * A version's photos never change (removal only marks them), so reading them first is safe.
 */
export async function publicImagesOf(db: Db, store: PhotoStore, r: Pick<NoticeRequest, 'id'>, v: RequestVersion): Promise<PublicImage[]> {
  if (!v.facts.publicExtract.consent || !v.facts.publicExtract.fields.includes('photos')) return [];
  const photos = (await listPhotos(db, r.id, { includeRemoved: true })).filter((p) => v.photoIds.includes(p.id));
  const out: PublicImage[] = [];
  for (const p of photos) {
    const size = p.sizes[PUBLIC_SIZE];
    if (!size) continue;
    const blob = await store.get(size.key);
    // A photo whose bytes are gone cannot be shown; the rest of the extract is still worth publishing.
    if (blob) out.push({ contentType: blob.contentType, width: size.width, height: size.height, data: blob.data });
  }
  return out;
}

/**
 * Publishes or refreshes the extract of an approved version and returns the public notice's id, or null when the
 * requesting country gave no consent (then any earlier extract is taken down).
 */
export async function publishExtract(
  trx: Transaction<Database>,
  images: readonly PublicImage[],
  r: NoticeRequest,
  v: RequestVersion,
  reference: string,
  at: string,
): Promise<string | null> {
  if (!v.facts.publicExtract.consent) {
    if (r.noticeId) await takeDownExtract(trx, r.noticeId, at);
    return r.noticeId;
  }
  const agency = await getAgency(trx, r.agencyId);
  const extract = publicExtractOf(v.facts, agency?.country ?? 'XX', r.isDemo);
  let noticeId = r.noticeId;
  if (noticeId) {
    await updateNotice(trx, noticeId, extract, at);
    await setNoticeStatus(trx, noticeId, 'published', at);
  } else {
    noticeId = await insertNoticeRow(trx, extract, { status: 'published', now: at, reference });
  }
  await replaceNoticeImages(trx, noticeId, v.facts.publicExtract.fields.includes('photos') ? images : [], at);
  return noticeId;
}

/** Takes a public extract down: its page then answers 410, and its photos are deleted so they stop circulating. */
export async function takeDownExtract(trx: Transaction<Database>, noticeId: string, at: string): Promise<void> {
  await setNoticeStatus(trx, noticeId, 'withdrawn', at);
  await replaceNoticeImages(trx, noticeId, [], at);
}

/** A request's public reference, given once at its first approval whether or not it is ever public. */
export async function referenceFor(trx: Transaction<Database>, r: NoticeRequest, at: string): Promise<string> {
  return r.reference ?? nextReference(trx, Number(at.slice(0, 4)));
}
