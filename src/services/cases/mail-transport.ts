/** Opens the SMTP transport notification e-mails leave by, as configured (SMTP_URL, SMTP_FROM); none without a server. */
import nodemailer from 'nodemailer';
import type { Config } from '../../config/config.ts';

/** Bounds on every wait for the mail server, so one that stalls delays the mail without holding the sender for long. */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/** Opens a transport per configuration; the sender address is every message's default. */
function createSmtpTransport(url: string, from: string) {
  return nodemailer.createTransport(
    { url, connectionTimeout: CONNECTION_TIMEOUT_MS, greetingTimeout: GREETING_TIMEOUT_MS, socketTimeout: SOCKET_TIMEOUT_MS },
    { from },
  );
}

export type MailTransport = ReturnType<typeof createSmtpTransport>;

/** Null when SMTP_URL is unset: nothing is sent, and the outbox keeps the e-mails until a server is configured. */
export function openMailTransport(config: Pick<Config, 'smtp'>): MailTransport | null {
  return config.smtp.url === null ? null : createSmtpTransport(config.smtp.url, config.smtp.from);
}
