/** What the poster of a published notice shows: the notice's public extract and its first photo, in one read. */
import type { Notice } from '../../core/notices.ts';
import type { Db } from '../../storage/db.ts';
import { getNoticeImage } from '../../storage/repositories/notices.ts';
import { getPublishedNotice, type NoticeImageFile } from './get-published-notice.ts';

export type NoticePoster = { notice: Notice; photo: NoticeImageFile | null };

/** Undefined when the notice is not public; the photo is the one the notice page shows first, as its card does. */
export async function getNoticePoster(db: Db, slug: string): Promise<NoticePoster | undefined> {
  const notice = await getPublishedNotice(db, slug);
  if (!notice) return undefined;
  const first = notice.images[0];
  const image = first ? await getNoticeImage(db, notice.id, first.id) : undefined;
  return { notice, photo: image ? { data: image.data, contentType: image.contentType } : null };
}
