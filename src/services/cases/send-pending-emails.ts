/**
 * Sends the outbox's e-mails (written by the use cases in the transaction that made the news) through SMTP, each
 * claimed first so that two instances never send one twice, retried later when the server refuses, given up after ten.
 */
import type { Logger } from 'pino';
import type { Config } from '../../config/config.ts';
import { nowIso } from '../../core/ids.ts';
import type { Db } from '../../storage/db.ts';
import { claimEmail, listDueEmails, markEmailFailed, markEmailSent } from '../../storage/repositories/notifications.ts';
import { openMailTransport, type MailTransport } from './mail-transport.ts';

/** After this many attempts an e-mail stays in the outbox unsent, with the last error, for an operator to look at. */
export const MAX_EMAIL_ATTEMPTS = 10;
/** The wait before the next attempt grows with the attempts made: 5 minutes, then 10, 15… */
export const RETRY_STEP_MS = 5 * 60_000;
/** A claim's next attempt when the claim is the last one: never again, unless an operator resets the row. */
const NEVER = '9999-12-31T23:59:59.999Z';
const BATCH = 50;
const MAX_BATCHES = 20;
/** How often each instance looks at the outbox. */
const MAILER_INTERVAL_MS = 30_000;

/** Errors of one message (its addresses or content); any other error is the server's or the connection's. */
const messageErrors = new Set(['EENVELOPE', 'EMESSAGE']);

function errorText(err: unknown): { text: string; code: string | undefined } {
  const code = typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : undefined;
  const message = err instanceof Error ? err.message : String(err);
  return { text: code ? `${code}: ${message}` : message, code };
}

export type SendReport = { sent: number; failed: number };

/**
 * One pass over the due e-mails. A refusal of one message marks it and goes on; a server that cannot be reached ends
 * the pass, leaving the e-mails not yet claimed for the next one.
 */
export async function sendPendingEmails(db: Db, transport: MailTransport, now: Date): Promise<SendReport> {
  const report: SendReport = { sent: 0, failed: 0 };
  const at = nowIso(now);
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const due = (await listDueEmails(db, at, BATCH)).filter((e) => e.attempts < MAX_EMAIL_ATTEMPTS);
    if (due.length === 0) break;
    for (const email of due) {
      const attempt = email.attempts + 1;
      const retryAt = attempt >= MAX_EMAIL_ATTEMPTS ? NEVER : new Date(now.getTime() + RETRY_STEP_MS * attempt).toISOString();
      if (!(await claimEmail(db, email.id, email.attempts, retryAt))) continue;
      try {
        await transport.sendMail({ to: email.to, subject: email.subject, text: email.body });
        await markEmailSent(db, email.id, at);
        report.sent += 1;
      } catch (err) {
        const { text, code } = errorText(err);
        await markEmailFailed(db, email.id, text);
        report.failed += 1;
        if (!code || !messageErrors.has(code)) return report;
      }
    }
  }
  return report;
}

/**
 * Starts the outbox's sender on this instance: a pass at once, then one every 30 seconds, never two at once, on a
 * timer that does not keep the process alive. Without SMTP_URL nothing is sent and the outbox keeps the e-mails.
 */
export function startMailer(db: Db, config: Pick<Config, 'smtp'>, logger: Logger): { close(): void } {
  const transport = openMailTransport(config);
  if (!transport) {
    logger.info('SMTP_URL is not set: notification e-mails stay in the outbox');
    return { close: () => undefined };
  }
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    sendPendingEmails(db, transport, new Date())
      .then((r) => {
        if (r.failed > 0) logger.warn({ sent: r.sent, failed: r.failed }, 'some notification e-mails could not be sent; they will be tried again');
      })
      .catch((err: unknown) => logger.warn({ err }, 'sending notification e-mails failed'))
      .finally(() => {
        running = false;
      });
  };
  // What waited while the instance was down goes out now, not one interval later.
  pass();
  const timer = setInterval(pass, MAILER_INTERVAL_MS);
  timer.unref();
  return {
    close: () => {
      clearInterval(timer);
      transport.close();
    },
  };
}
