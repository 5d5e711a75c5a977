/**
 * Use cases on a message's attachments: its author's agency adds an image (checked and re-encoded without metadata
 * like a notice photo, in derived sizes), and a reader who may see the case reads one, recorded with its purpose.
 */
import { AppError } from '../../core/errors.ts';
import { newId, nowIso } from '../../core/ids.ts';
import type { PhotoStore } from '../../core/photos.ts';
import { assertCan } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import { preparePhoto } from '../../render/photo-upload.ts';
import type { Db } from '../../storage/db.ts';
import { insertAttachment, listAttachments, listMessages, type CaseAttachment } from '../../storage/repositories/cases.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { inTransaction } from '../transaction.ts';
import { participatedCase, purposeOfReading, visibleCase } from './case-steps.ts';

export const MAX_ATTACHMENTS_PER_MESSAGE = 5;

/** Image work and the store's writes run before the transaction, as for notice photos, so they never hold the database. */
export async function addCaseAttachment(
  db: Db,
  store: PhotoStore,
  principal: Principal,
  caseId: string,
  messageId: string,
  file: { bytes: Uint8Array; type: string | undefined; name: string },
  now: Date,
): Promise<CaseAttachment> {
  assertCan(principal, 'cases.exchange');
  const before = await participatedCase(db, principal, caseId);
  const message = (await listMessages(db, before.id)).find((m) => m.id === messageId);
  if (!message) throw new AppError('not_found', 'error.detail.resource_not_found');
  if (message.authorAgencyId !== principal.agencyId) throw new AppError('forbidden', 'cases.error.author_attaches');
  const prepared = await preparePhoto(file.bytes, file.type);
  const id = newId(now.getTime());
  const sizes: CaseAttachment['sizes'] = {};
  for (const [size, image] of Object.entries(prepared.sizes)) {
    const key = `${id}-${size}`;
    await store.put(key, image.data, 'image/jpeg');
    sizes[size] = { key, width: image.width, height: image.height };
  }
  return inTransaction(db, async (trx) => {
    const c = await participatedCase(trx, principal, caseId);
    if ((await listAttachments(trx, c.id)).filter((a) => a.messageId === messageId).length >= MAX_ATTACHMENTS_PER_MESSAGE)
      throw new AppError('conflict', 'cases.error.too_many_attachments', { max: MAX_ATTACHMENTS_PER_MESSAGE });
    // The name is kept only as a label: nothing is ever read from or written to a path of that name.
    const fileName = file.name.replace(/[\p{Cc}\p{Cf}/\\]/gu, '').trim().slice(0, 120) || 'image';
    const attachment: CaseAttachment = { id, messageId, caseId: c.id, fileName, width: prepared.width, height: prepared.height, sizes, createdAt: nowIso(now) };
    await insertAttachment(trx, attachment);
    await recordAudit(trx, { action: 'collect', objectType: 'case', objectId: c.id, details: { change: 'attachment_added', message: messageId, attachment: id } });
    return attachment;
  });
}

export async function getCaseAttachment(
  db: Db,
  store: PhotoStore,
  principal: Principal,
  caseId: string,
  attachmentId: string,
  size: string,
  purposeAsked: unknown,
): Promise<{ data: Uint8Array; contentType: string; fileName: string }> {
  assertCan(principal, 'cases.read');
  const c = await visibleCase(db, principal, caseId);
  const purpose = purposeOfReading(principal, c, purposeAsked);
  const a = (await listAttachments(db, c.id)).find((x) => x.id === attachmentId);
  const stored = a?.sizes[size];
  const blob = stored ? await store.get(stored.key) : undefined;
  if (!a || !blob) throw new AppError('not_found', 'error.detail.resource_not_found');
  await inTransaction(db, (trx) => recordAudit(trx, { action: 'consult', purpose, objectType: 'case', objectId: c.id, details: { what: 'attachment', attachment: a.id, size } }));
  return { ...blob, fileName: a.fileName };
}
