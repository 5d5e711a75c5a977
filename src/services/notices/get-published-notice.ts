/** The public extract of one published notice, by reference: a withdrawn or expired one is gone (410), drafts and unknown ones not found. */
import { AppError } from '../../core/errors.ts';
import { slugToReference, type Notice } from '../../core/notices.ts';
import type { Db } from '../../storage/db.ts';
import { getNoticeByReference, getNoticeImage } from '../../storage/repositories/notices.ts';

/**
 * `slug` is the URL form of the reference (`2026-00042` for `2026/00042`); anything else finds nothing. A notice once
 * public and since withdrawn or expired answers "gone", so that sites and people holding its link learn it is over
 * and should drop their copies; it says nothing more about the person.
 */
export async function getPublishedNotice(db: Db, slug: string): Promise<Notice | undefined> {
  const reference = slugToReference(slug);
  const notice = reference ? await getNoticeByReference(db, reference) : undefined;
  if (notice?.status === 'withdrawn' && notice.publishedAt !== null) throw new AppError('gone', 'notice.gone', { reference: notice.reference });
  return notice && notice.status === 'published' ? notice : undefined;
}

const imageIdPattern = /^[0-9a-z]{26}$/;

export type NoticeImageFile = { data: Uint8Array; contentType: string };

/** A photo of a published notice, or undefined when the notice or the photo is not public. */
export async function getPublishedNoticeImage(db: Db, slug: string, imageId: string): Promise<NoticeImageFile | undefined> {
  if (!imageIdPattern.test(imageId)) return undefined;
  const notice = await getPublishedNotice(db, slug);
  return notice ? getNoticeImage(db, notice.id, imageId) : undefined;
}
