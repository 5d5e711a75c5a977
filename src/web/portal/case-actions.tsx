/**
 * The steps taken on a case's page (reply with an attachment, acknowledge, forward, permit, close or refuse, extend
 * retention), each a use case of its own; a refusal the reader can correct comes back on the case's page.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { can } from '../../core/permissions.ts';
import type { Principal } from '../../core/principal.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { addCaseAttachment } from '../../services/cases/case-attachments.ts';
import { extendCaseRetention } from '../../services/cases/case-retention.ts';
import { acknowledgeCase, closeCase, forwardCase, grantMessagePermission } from '../../services/cases/change-case.ts';
import { getCaseView } from '../../services/cases/get-case.ts';
import { listCaseRecipients } from '../../services/cases/list-case-recipients.ts';
import { postMessage } from '../../services/cases/post-message.ts';
import type { DbHandle } from '../../services/db-handle.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import type { ReplyDraft } from '../views/portal/case-view-forms.tsx';
import { renderCasePage, type CasePage, type DoneStep, type FormRefusal } from '../views/portal/case-view-page.tsx';
import { purposeRefusal } from '../views/portal/request-parts.tsx';
import { signedIn } from './request-list.tsx';

export const caseParams = z.object({ id: z.string().regex(/^[0-9a-z]{26}$/) });

const id26 = z.string().regex(/^[0-9a-z]{26}$/);
/** Readers outside the case (the office's liaison officers) carry the purpose their page was read with. */
const purposeField = z.string().max(1000).optional();

/**
 * The case's page for this reader: the view (which records the consultation), or the purpose prompt when the reader
 * must state one and has not, or stated one that does not pass.
 */
export async function loadCasePage(db: DbHandle, principal: Principal, id: string, purpose: string | undefined, now: Date, tr: Translator): Promise<CasePage> {
  try {
    const view = await getCaseView(db, principal, id, purpose, now);
    // Office reviewers extend retention without exchanging cases: they are offered no agency to forward to.
    return { kind: 'view', view, agencies: can(principal, 'cases.exchange') ? await listCaseRecipients(db, principal) : [], now };
  } catch (err) {
    const problem = purposeRefusal(tr, err);
    if (problem === undefined) throw err;
    return { kind: 'purpose', id, problem: purpose === undefined ? undefined : problem };
  }
}

/** A use case's message in the reader's language: a catalog key, or zod's own text. */
const say = (tr: Translator, key: string, values: AppError['values'] = {}): string => (tr.knows(key) ? tr.t(key, values) : key);

/** The refusal's field problems for the form that was sent, or undefined when it is not one the form can show. */
function formRefusal(tr: Translator, err: unknown, form: FormRefusal['form'], known: readonly string[]): FormRefusal | undefined {
  if (!(err instanceof AppError) || err.code !== 'validation_failed') return undefined;
  const fields = new Map<string, string>();
  for (const issue of err.issues) {
    const field = issue.field.split('.').at(-1) ?? '';
    if (known.includes(field) && !fields.has(field)) fields.set(field, say(tr, issue.message, err.values));
  }
  return fields.size > 0 ? { form, fields } : undefined;
}

/** Back to the case with what was done; a reader outside the case keeps the purpose it reads the case with. */
function backTo(c: Context<AppEnv>, id: string, done: DoneStep, purpose: string | undefined): Response {
  const q = new URLSearchParams({ done });
  if (purpose) q.set('purpose', purpose);
  return c.redirect(`${portalPath(c, `/cases/${id}`)}?${q.toString()}`, 303);
}

type Outcome = { done: DoneStep; purpose?: string | undefined } | { page: CasePage };

const answer = (c: Context<AppEnv>, out: Outcome, input: { params: { id: string } }): Response | Promise<Response> =>
  'page' in out ? renderCasePage(c, out.page) : backTo(c, input.params.id, out.done, out.purpose);

/** The page again with the refusal on it; a refusal the page cannot show becomes the error page. */
async function again(call: { db: DbHandle; principal: Principal; id: string; purpose: string | undefined; now: Date; tr: Translator }, extra: Partial<Extract<CasePage, { kind: 'view' }>>): Promise<Outcome> {
  const page = await loadCasePage(call.db, call.principal, call.id, call.purpose, call.now, call.tr);
  return { page: page.kind === 'view' ? { ...page, ...extra } : page };
}

const formValue = z.union([z.string().max(20_000), z.array(z.string().max(20_000)).max(10)]);
const replyForm = z.record(z.string().max(100), z.union([formValue, z.instanceof(File)]));

const text = (body: Record<string, unknown>, name: string): string => {
  const v = body[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
};

const replyDraft = (body: Record<string, unknown>): ReplyDraft => ({
  body: text(body, 'body'),
  handlingCode: text(body, 'handlingCode'),
  restriction: text(body, 'restriction'),
  sourceGrade: text(body, 'sourceGrade'),
  informationGrade: text(body, 'informationGrade'),
  replyTo: text(body, 'replyTo'),
});

/** The upload's own refusals (type, size, damage, too many): the message stays, the page says why the file did not. */
const isAttachmentRefusal = (err: unknown): err is AppError =>
  err instanceof AppError && (err.code === 'unsupported_media_type' || err.code === 'payload_too_large' || err.key === 'cases.error.too_many_attachments');

const forwardForm = z.object({ agencyId: id26, purpose: purposeField });
const grantForm = z.object({ messageId: id26, agencyId: id26 });
const closeForm = z.object({ outcome: z.enum(['closed', 'refused']), reason: z.string().max(2000).default('') });
const retentionForm = z.object({ days: z.coerce.number().int().catch(0), reason: z.string().max(1000).default(''), purpose: purposeField });

export function registerCaseActionPages(routes: Routes): void {
  // Two use cases: the message is sent, then its attachment is checked and kept; a refused file leaves the message sent.
  routes.portalAction('/portal/cases/:id/messages', {
    authorise: 'cases.exchange',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: caseParams, body: replyForm },
    run: async ({ db, principal, input, meta, deps, tr }): Promise<Outcome> => {
      const p = signedIn(principal);
      const id = input.params.id;
      const draft = replyDraft(input.body);
      const call = { db, principal: p, id, purpose: undefined, now: meta.now, tr };
      let messageId: string;
      try {
        messageId = (await postMessage(db, p, id, { ...draft, replyTo: draft.replyTo === '' ? null : draft.replyTo }, meta.now)).id;
      } catch (err) {
        const refusal = formRefusal(tr, err, 'reply', ['body', 'handlingCode', 'restriction', 'sourceGrade', 'informationGrade', 'replyTo']);
        if (!refusal) throw err;
        return again(call, { reply: draft, refusal });
      }
      const file = input.body.attachment;
      if (file instanceof File && file.size > 0) {
        // The declared type is only a claim, checked against the bytes; a browser that knows none says octet-stream.
        const declared = file.type.startsWith('image/') ? file.type : undefined;
        try {
          await addCaseAttachment(db, deps.photoStore, p, id, messageId, { bytes: new Uint8Array(await file.arrayBuffer()), type: declared, name: file.name }, meta.now);
        } catch (err) {
          if (!isAttachmentRefusal(err)) throw err;
          return again(call, { done: 'replied', attachmentRefused: say(tr, err.key, err.values) });
        }
      }
      return { done: 'replied' };
    },
    render: answer,
  });

  routes.portalAction('/portal/cases/:id/acknowledge', {
    authorise: 'cases.exchange',
    audit: 'use-case',
    input: { params: caseParams, body: z.object({}) },
    run: async ({ db, principal, input, meta }): Promise<Outcome> => {
      await acknowledgeCase(db, signedIn(principal), input.params.id, meta.now);
      return { done: 'acknowledged' };
    },
    render: answer,
  });

  // The H2 refusal is the page again, naming the messages whose originator has not permitted the forward.
  routes.portalAction('/portal/cases/:id/forward', {
    authorise: 'cases.exchange',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: caseParams, body: forwardForm },
    run: async ({ db, principal, input, meta, tr }): Promise<Outcome> => {
      const p = signedIn(principal);
      const { agencyId, purpose } = input.body;
      const call = { db, principal: p, id: input.params.id, purpose, now: meta.now, tr };
      try {
        await forwardCase(db, p, input.params.id, agencyId, meta.now);
      } catch (err) {
        if (err instanceof AppError && err.key === 'cases.error.h2_blocks_forward') {
          const blockers = err.issues.flatMap((i) => (i.field.startsWith('messages.') ? [i.field.slice('messages.'.length)] : []));
          return again(call, { forwardRefused: { agencyId, text: say(tr, err.key, err.values), blockers } });
        }
        const refusal = formRefusal(tr, err, 'forward', ['agencyId']);
        if (!refusal) throw err;
        return again(call, { refusal });
      }
      return { done: 'forwarded' };
    },
    render: answer,
  });

  routes.portalAction('/portal/cases/:id/permissions', {
    authorise: 'cases.exchange',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: caseParams, body: grantForm },
    run: async ({ db, principal, input, meta, tr }): Promise<Outcome> => {
      const p = signedIn(principal);
      try {
        await grantMessagePermission(db, p, input.params.id, input.body.messageId, input.body.agencyId, meta.now);
      } catch (err) {
        const refusal = formRefusal(tr, err, 'grant', ['messageId', 'agencyId']);
        if (!refusal) throw err;
        return again({ db, principal: p, id: input.params.id, purpose: undefined, now: meta.now, tr }, { refusal });
      }
      return { done: 'granted' };
    },
    render: answer,
  });

  // The originator closes; a recipient refuses an open case, with the reason the others will read.
  routes.portalAction('/portal/cases/:id/close', {
    authorise: 'cases.exchange',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: caseParams, body: closeForm },
    run: async ({ db, principal, input, meta, tr }): Promise<Outcome> => {
      const p = signedIn(principal);
      try {
        await closeCase(db, p, input.params.id, input.body, meta.now);
      } catch (err) {
        const refusal = formRefusal(tr, err, 'refuse', ['reason']);
        if (!refusal) throw err;
        return again({ db, principal: p, id: input.params.id, purpose: undefined, now: meta.now, tr }, { refusal });
      }
      return { done: input.body.outcome };
    },
    render: answer,
  });

  routes.portalAction('/portal/cases/:id/retention', {
    authorise: 'cases.retention',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: caseParams, body: retentionForm },
    run: async ({ db, principal, input, meta, tr }): Promise<Outcome> => {
      const p = signedIn(principal);
      const { days, reason, purpose } = input.body;
      try {
        await extendCaseRetention(db, p, input.params.id, { days, reason }, meta.now);
      } catch (err) {
        const refusal = formRefusal(tr, err, 'retention', ['days', 'reason']);
        if (!refusal) throw err;
        return again({ db, principal: p, id: input.params.id, purpose, now: meta.now, tr }, { refusal });
      }
      return { done: 'retention_extended', purpose };
    },
    render: answer,
  });
}
