/** The forms of a case's steps (reply, acknowledge, forward, permit, close or refuse, extend retention), each shown only to whom the rules let take it. */
import { handlingCodes, informationGrades, sourceGrades, type CaseMessage } from '../../../core/cases.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import type { CaseRecipient } from '../../../services/cases/list-case-recipients.ts';
import type { CaseView } from '../../../services/cases/get-case.ts';
import { CsrfField } from '../../portal/csrf-field.tsx';
import { messageLabel } from './case-view-parts.tsx';
import { TextField } from './parts/fields.tsx';
import { ChoiceGroup, Select, TextArea } from './parts/form-controls.tsx';

/** What was typed into the reply form, given back with the problems when the message was refused. */
export type ReplyDraft = { body: string; handlingCode: string; restriction: string; sourceGrade: string; informationGrade: string; replyTo: string };

export const emptyReply: ReplyDraft = { body: '', handlingCode: 'H0', restriction: '', sourceGrade: 'X', informationGrade: '4', replyTo: '' };

/** Problems beside the fields of one form, by field name, already in the reader's language. */
export type FormErrors = ReadonlyMap<string, string>;

export type CaseFormsProps = {
  tr: Translator;
  csrfToken: string;
  view: CaseView;
  /** Agencies the reader may name in a forward or a permission. */
  agencies: readonly CaseRecipient[];
  /** Whether the reader holds `cases.retention` (office reviewers and liaison officers). */
  mayExtend: boolean;
  /** Action paths, built by the page. */
  action: (step: 'messages' | 'acknowledge' | 'forward' | 'permissions' | 'close' | 'retention') => string;
  /** The purpose the page was read with, carried by the forms of readers outside the case so the page can be shown again. */
  purpose: string | undefined;
  reply: ReplyDraft;
  errors: { form: 'reply' | 'refuse' | 'retention' | 'grant' | 'forward'; fields: FormErrors } | undefined;
  principalAgencyId: string;
};

const agencyOption = (a: CaseRecipient, tr: Translator) => ({ value: a.id, label: `${a.name} (${a.code}, ${tr.country(a.country)})` });

function Purpose(props: { purpose: string | undefined }) {
  return props.purpose ? <input type="hidden" name="purpose" value={props.purpose} /> : null;
}

export function ReplyForm(props: CaseFormsProps) {
  const { tr, view, reply } = props;
  const t = tr.t;
  const errors = props.errors?.form === 'reply' ? props.errors.fields : new Map<string, string>();
  return (
    <section class="part case-actions case-reply" aria-labelledby="a-reply">
      <h2 id="a-reply">{t('cases.action.reply.title')}</h2>
      <form method="post" action={props.action('messages')} enctype="multipart/form-data" class="reply-form">
        <CsrfField token={props.csrfToken} />
        <TextArea id="r-body" name="body" label={t('cases.field.body')} value={reply.body} error={errors.get('body')} maxlength={20_000} rows={6} />
        <ChoiceGroup
          idPrefix="r-handlingCode"
          name="handlingCode"
          type="radio"
          legend={t('cases.field.handlingCode')}
          error={errors.get('handlingCode')}
          options={handlingCodes.map((code) => ({ value: code, label: `${t(`cases.handling.${code}`)}: ${t(`cases.handling.${code}.meaning`)}`, checked: reply.handlingCode === code }))}
        />
        <TextField
          id="r-restriction"
          label={t('cases.field.restriction')}
          hint={t('cases.action.reply.restriction_hint')}
          error={errors.get('restriction')}
          input={{ name: 'restriction', value: reply.restriction, maxlength: 1000 }}
        />
        <Select
          id="r-sourceGrade"
          name="sourceGrade"
          label={t('cases.field.sourceGrade')}
          selected={reply.sourceGrade}
          error={errors.get('sourceGrade')}
          options={sourceGrades.map((g) => ({ value: g, label: `${t(`cases.source.${g}`)}: ${t(`cases.source.${g}.meaning`)}` }))}
        />
        <Select
          id="r-informationGrade"
          name="informationGrade"
          label={t('cases.field.informationGrade')}
          selected={reply.informationGrade}
          error={errors.get('informationGrade')}
          options={informationGrades.map((g) => ({ value: g, label: `${t(`cases.information.${g}`)}: ${t(`cases.information.${g}.meaning`)}` }))}
        />
        {view.messages.length > 0 ? (
          <Select
            id="r-replyTo"
            name="replyTo"
            label={t('cases.action.reply.reply_to')}
            selected={reply.replyTo}
            error={errors.get('replyTo')}
            options={[{ value: '', label: t('cases.action.reply.not_a_reply') }, ...view.messages.map((m) => ({ value: m.id, label: messageLabel(tr, view, m) }))]}
          />
        ) : null}
        <div class={errors.get('attachment') ? 'field has-error' : 'field'}>
          <label for="r-attachment">{t('cases.action.reply.attachment')}</label>
          <span id="r-attachment-hint" class="hint">
            {t('cases.action.reply.attachment_hint')}
          </span>
          {errors.get('attachment') ? (
            <strong id="r-attachment-error" class="field-error">
              {errors.get('attachment')}
            </strong>
          ) : null}
          <input
            id="r-attachment"
            name="attachment"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-describedby={errors.get('attachment') ? 'r-attachment-hint r-attachment-error' : 'r-attachment-hint'}
          />
        </div>
        <button type="submit">{t('cases.action.reply.submit')}</button>
      </form>
    </section>
  );
}

function AcknowledgeForm(props: CaseFormsProps) {
  const t = props.tr.t;
  return (
    <form method="post" action={props.action('acknowledge')} class="case-step">
      <CsrfField token={props.csrfToken} />
      <p>{t('cases.action.acknowledge.text')}</p>
      <button type="submit">{t('cases.action.acknowledge.submit')}</button>
    </form>
  );
}

function ForwardForm(props: CaseFormsProps) {
  const { tr, view } = props;
  const t = tr.t;
  const targets = props.agencies.filter((a) => !view.case.participants.some((p) => p.agencyId === a.id));
  const errors = props.errors?.form === 'forward' ? props.errors.fields : new Map<string, string>();
  return (
    <form method="post" action={props.action('forward')} class="case-step">
      <CsrfField token={props.csrfToken} />
      <Purpose purpose={props.purpose} />
      <h3>{t('cases.action.forward.title')}</h3>
      <p>{t('cases.action.forward.text')}</p>
      {view.h2Messages.length > 0 ? <p class="h2-note">{t('cases.action.forward.h2_note', { count: view.h2Messages.length })}</p> : null}
      {targets.length === 0 ? (
        <p>{t('cases.action.forward.none')}</p>
      ) : (
        <>
          <Select id="f-agencyId" name="agencyId" label={t('cases.action.forward.agency')} required error={errors.get('agencyId')} options={targets.map((a) => agencyOption(a, tr))} />
          <button type="submit">{t('cases.action.forward.submit')}</button>
        </>
      )}
    </form>
  );
}

/** The author agency permits another agency to use (H1) or receive (H2) one of its messages. */
function GrantForm(props: CaseFormsProps) {
  const { tr, view } = props;
  const t = tr.t;
  const own = view.messages.filter((m: CaseMessage) => m.authorAgencyId === props.principalAgencyId && (m.handlingCode === 'H1' || m.handlingCode === 'H2'));
  const errors = props.errors?.form === 'grant' ? props.errors.fields : new Map<string, string>();
  if (own.length === 0) return null;
  return (
    <form method="post" action={props.action('permissions')} class="case-step">
      <CsrfField token={props.csrfToken} />
      <h3>{t('cases.action.grant.title')}</h3>
      <p>{t('cases.action.grant.text')}</p>
      <Select
        id="g-messageId"
        name="messageId"
        label={t('cases.action.grant.message')}
        required
        error={errors.get('messageId')}
        options={own.map((m) => ({ value: m.id, label: `${t(`cases.handling.${m.handlingCode}`)} · ${messageLabel(tr, view, m)}` }))}
      />
      <Select id="g-agencyId" name="agencyId" label={t('cases.action.grant.agency')} required error={errors.get('agencyId')} options={props.agencies.map((a) => agencyOption(a, tr))} />
      <button type="submit" class="secondary">
        {t('cases.action.grant.submit')}
      </button>
    </form>
  );
}

function CloseForm(props: CaseFormsProps) {
  const t = props.tr.t;
  return (
    <form method="post" action={props.action('close')} class="case-step">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="outcome" value="closed" />
      <h3>{t('cases.action.close.title')}</h3>
      <p>{t('cases.action.close.text')}</p>
      <button type="submit" class="secondary">
        {t('cases.action.close.submit')}
      </button>
    </form>
  );
}

function RefuseForm(props: CaseFormsProps) {
  const t = props.tr.t;
  const errors = props.errors?.form === 'refuse' ? props.errors.fields : new Map<string, string>();
  return (
    <form method="post" action={props.action('close')} class="case-step refuse-box">
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="outcome" value="refused" />
      <h3>{t('cases.action.refuse.title')}</h3>
      <TextArea id="x-reason" name="reason" label={t('cases.action.refuse.reason')} hint={t('cases.action.refuse.reason_hint')} error={errors.get('reason')} maxlength={2000} rows={3} />
      <button type="submit" class="warning">
        {t('cases.action.refuse.submit')}
      </button>
    </form>
  );
}

function RetentionForm(props: CaseFormsProps) {
  const { tr, view } = props;
  const t = tr.t;
  const errors = props.errors?.form === 'retention' ? props.errors.fields : new Map<string, string>();
  return (
    <form method="post" action={props.action('retention')} class="case-step">
      <CsrfField token={props.csrfToken} />
      <Purpose purpose={props.purpose} />
      <h3>{t('cases.action.retention.title')}</h3>
      <p>{view.case.reviewAt ? t('cases.action.retention.text', { date: tr.date(view.case.reviewAt, 'long') }) : t('cases.action.retention.text_none')}</p>
      <TextField
        id="e-days"
        label={t('cases.action.retention.days')}
        hint={t('cases.action.retention.days_hint')}
        error={errors.get('days')}
        input={{ name: 'days', type: 'number', min: 1, max: 730, required: true, inputmode: 'numeric' }}
      />
      <TextArea id="e-reason" name="reason" label={t('cases.action.retention.reason')} error={errors.get('reason')} maxlength={1000} rows={3} />
      <button type="submit" class="secondary">
        {t('cases.action.retention.submit')}
      </button>
    </form>
  );
}

/** Every step open to the reader but the reply (which follows the thread); nothing when none is. */
export function CaseSteps(props: CaseFormsProps) {
  const { tr, view } = props;
  const may = view.may;
  const ended = view.case.status === 'closed' || view.case.status === 'refused';
  const extend = props.mayExtend && ended && view.case.erasedAt === null;
  if (!(may.acknowledge || may.forward || may.grant || may.close || may.refuse || extend)) return null;
  return (
    <section class="part case-actions" aria-labelledby="a-steps">
      <h2 id="a-steps">{tr.t('cases.action.title')}</h2>
      {may.acknowledge ? <AcknowledgeForm {...props} /> : null}
      {may.forward ? <ForwardForm {...props} /> : null}
      {may.grant ? <GrantForm {...props} /> : null}
      {may.close ? <CloseForm {...props} /> : null}
      {may.refuse ? <RefuseForm {...props} /> : null}
      {extend ? <RetentionForm {...props} /> : null}
    </section>
  );
}
