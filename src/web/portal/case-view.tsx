/** The portal's routes of one case: its page, the bytes of its attachments, its printable copy, and the steps taken on it. */
import { z } from 'zod';
import { photoSizes, type PhotoSize } from '../../core/photos.ts';
import { getCaseAttachment } from '../../services/cases/case-attachments.ts';
import type { Routes } from '../pipeline/routes.ts';
import { doneSteps, renderCasePage, renderCasePrint } from '../views/portal/case-view-page.tsx';
import { caseParams, loadCasePage, registerCaseActionPages } from './case-actions.tsx';
import { signedIn } from './request-list.tsx';

const viewQuery = z.object({
  purpose: z.string().max(1000).optional(),
  opened: z.string().max(8).optional(),
  done: z.enum(doneSteps).optional().catch(undefined),
});

const attachmentParams = caseParams.extend({
  attachmentId: z.string().regex(/^[0-9a-z]{26}$/),
  size: z.enum(Object.keys(photoSizes) as [PhotoSize, ...PhotoSize[]]),
});

/** A file name as a header parameter (RFC 6266 with RFC 5987 encoding), so no name can break the header. */
const dispositionOf = (fileName: string): string => `inline; filename*=UTF-8''${encodeURIComponent(fileName)}`;

export function registerCaseViewPages(routes: Routes): void {
  // Opening a case is a consultation, recorded by the use case with its purpose (the case itself for its participants).
  routes.portalPage('/portal/cases/:id', {
    authorise: 'cases.exchange',
    audit: 'use-case',
    input: { params: caseParams, query: viewQuery },
    run: async ({ db, principal, input, meta, tr }) => {
      const page = await loadCasePage(db, signedIn(principal), input.params.id, input.query.purpose, meta.now, tr);
      return page.kind === 'view' ? { ...page, opened: input.query.opened !== undefined, done: input.query.done } : page;
    },
    render: (c, page) => renderCasePage(c, page),
  });

  // Read by whoever may see the case; the page passes on the purpose its own reading was recorded with.
  routes.portalPage('/portal/cases/:id/attachments/:attachmentId/:size', {
    authorise: 'cases.exchange',
    audit: 'use-case',
    input: { params: attachmentParams, query: z.object({ purpose: z.string().max(1000).optional() }) },
    run: ({ db, principal, input, deps }) =>
      getCaseAttachment(db, deps.photoStore, signedIn(principal), input.params.id, input.params.attachmentId, input.params.size, input.query.purpose),
    // The pipeline marks every portal answer `no-store`, so no cache keeps what a case holds.
    render: (c, file) => c.body(new Uint8Array(file.data), 200, { 'Content-Type': file.contentType, 'Content-Disposition': dispositionOf(file.fileName) }),
  });

  // A print is a reading like any other: recorded with its purpose, and every message keeps its handling notice.
  routes.portalPage('/portal/cases/:id/print', {
    authorise: 'cases.exchange',
    audit: 'use-case',
    input: { params: caseParams, query: z.object({ purpose: z.string().max(1000).optional() }) },
    run: async ({ db, principal, input, meta, tr }) => {
      const p = signedIn(principal);
      const page = await loadCasePage(db, p, input.params.id, input.query.purpose, meta.now, tr);
      return page.kind === 'view' ? { kind: 'print' as const, view: page.view, now: meta.now } : page;
    },
    render: (c, page) => (page.kind === 'print' ? renderCasePrint(c, page) : renderCasePage(c, page)),
  });

  registerCaseActionPages(routes);
}
