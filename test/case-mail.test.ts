/**
 * Notification e-mails through a real SMTP server on 127.0.0.1 (smtp-server, of the nodemailer project), on SQLite and
 * PostgreSQL: a new case reaches its recipient's officer by reference only, each e-mail is sent once, a server that
 * refuses leaves the e-mail with its error for a later attempt, and the outbox gives up after ten.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { ConfigError, loadConfig } from '../src/config/config.ts';
import type { Principal } from '../src/core/principal.ts';
import { openMailTransport, type MailTransport } from '../src/services/cases/mail-transport.ts';
import { openCase } from '../src/services/cases/open-case.ts';
import { MAX_EMAIL_ATTEMPTS, RETRY_STEP_MS, sendPendingEmails, startMailer } from '../src/services/cases/send-pending-emails.ts';
import type { StoredCase } from '../src/storage/repositories/cases.ts';
import { silentLogger } from './api-support.ts';
import { actor, agency, openLifecyclePlatform } from './request-support.ts';
import { dialects } from './support/stores.ts';

type Received = { from: string | null; to: string[]; raw: string };

type Smtp = { port: number; received: Received[]; close(): Promise<void> };

/** A real SMTP server without TLS or authentication, keeping every message it accepts. */
async function startSmtp(port = 0): Promise<Smtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({ from: from ? from.address : null, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const mailConfig = (port: number) => loadConfig({ DATA_DIR: ':memory:', SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'portal@office.test' });

function transportTo(port: number): MailTransport {
  const t = openMailTransport(mailConfig(port));
  if (!t) throw new Error('no transport for a configured SMTP_URL');
  return t;
}

const header = (raw: string, name: string): string | undefined => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim();

/** A port nothing listens on: a server started on it and closed at once. */
async function refusingPort(): Promise<number> {
  const s = await startSmtp();
  await s.close();
  return s.port;
}

const SUBJECT = 'Smuggling route through Rijeka harbour';
const NATIONAL_REFERENCE = 'BKA-OK-2026-5521';
const PERSON = { type: 'person', familyName: 'Vukovićeva', forename: 'Milena' };
const BODY = 'The lorry registered ZG-4471-AB left on Tuesday night.';

describe.each(dialects)('notification e-mails on %s', (dialect) => {
  let p: Platform;
  let originator: Principal;
  let recipient: Principal;
  let recipientAgencyId: string;
  const transports: MailTransport[] = [];
  const servers: Smtp[] = [];

  beforeAll(async () => {
    p = await openLifecyclePlatform(dialect);
    const de = await agency(p, { country: 'DE' });
    const nl = await agency(p, { country: 'NL' });
    recipientAgencyId = nl.id;
    originator = await actor(p, de, ['officer']);
    recipient = await actor(p, nl, ['officer']);
  });
  afterEach(async () => {
    for (const t of transports.splice(0)) t.close();
    for (const s of servers.splice(0)) await s.close();
    // Each test starts from an empty outbox.
    await p.store.db.deleteFrom('email_outbox').execute();
  });
  afterAll(() => p.close());

  const server = async (port = 0) => {
    const s = await startSmtp(port);
    servers.push(s);
    return s;
  };
  const transport = (port: number) => {
    const t = transportTo(port);
    transports.push(t);
    return t;
  };
  const openAt = (at: Date): Promise<StoredCase> =>
    openCase(
      p.store.db,
      p.deps.noticeIndex,
      originator,
      {
        kind: 'request',
        subject: SUBJECT,
        nationalReference: NATIONAL_REFERENCE,
        crimeArea: 'migrant_smuggling',
        urgency: 'urgent',
        recipientAgencyIds: [recipientAgencyId],
        entities: [PERSON],
        message: { body: BODY, handlingCode: 'H2', restriction: '', sourceGrade: 'A', informationGrade: '2' },
      },
      at,
    );
  const outbox = () => p.store.db.selectFrom('email_outbox').select(['to_address', 'sent_at', 'attempts', 'next_attempt_at', 'last_error']).execute();

  it('mails the recipient’s officer the case reference, and none of the case’s content', async () => {
    const smtp = await server();
    const at = new Date();
    const c = await openAt(at);
    expect(await sendPendingEmails(p.store.db, transport(smtp.port), at)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual([recipient.email]);
    expect(mail.from).toBe('portal@office.test');
    expect(header(mail.raw, 'To')).toBe(recipient.email);
    expect(header(mail.raw, 'Subject')).toBe(`URGENT: new case ${c.reference}`);
    for (const secret of [SUBJECT, NATIONAL_REFERENCE, PERSON.familyName, PERSON.forename, 'ZG-4471-AB', 'Rijeka', originator.name]) expect(mail.raw).not.toContain(secret);
    const [row] = await outbox();
    expect([row?.sent_at, row?.attempts, row?.last_error]).toEqual([at.toISOString(), 1, null]);
  });

  it('sends each e-mail once: a second pass, or a pass racing it, sends nothing more', async () => {
    const smtp = await server();
    const at = new Date();
    await openAt(at);
    const t = transport(smtp.port);
    const [a, b] = await Promise.all([sendPendingEmails(p.store.db, t, at), sendPendingEmails(p.store.db, t, at)]);
    expect(a.sent + b.sent).toBe(1);
    expect(await sendPendingEmails(p.store.db, t, new Date(at.getTime() + 3600_000))).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('keeps an e-mail the server refused, with the error, and sends it on a later attempt', async () => {
    const at = new Date();
    await openAt(at);
    const port = await refusingPort();
    expect(await sendPendingEmails(p.store.db, transport(port), at)).toEqual({ sent: 0, failed: 1 });
    const [failed] = await outbox();
    expect(failed?.sent_at).toBeNull();
    expect(failed?.attempts).toBe(1);
    expect(failed?.last_error).toMatch(/ECONNREFUSED|ECONNECTION/);
    expect(failed?.next_attempt_at).toBe(new Date(at.getTime() + RETRY_STEP_MS).toISOString());

    // The server is back on the same address; before the retry time, the e-mail waits.
    const smtp = await server(port);
    const t = transport(port);
    expect(await sendPendingEmails(p.store.db, t, new Date(at.getTime() + RETRY_STEP_MS - 1000))).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await sendPendingEmails(p.store.db, t, new Date(at.getTime() + RETRY_STEP_MS))).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([[recipient.email]]);
    const [sent] = await outbox();
    expect([sent?.attempts, sent?.last_error, sent?.sent_at === null]).toEqual([2, null, false]);
  });

  it('gives up after ten attempts, waiting longer after each, and leaves the last error', async () => {
    let at = new Date();
    await openAt(at);
    const refusing = transport(await refusingPort());
    for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      expect(await sendPendingEmails(p.store.db, refusing, at)).toEqual({ sent: 0, failed: 1 });
      const [row] = await outbox();
      expect(row?.attempts).toBe(attempt);
      if (attempt < MAX_EMAIL_ATTEMPTS) expect(row?.next_attempt_at).toBe(new Date(at.getTime() + RETRY_STEP_MS * attempt).toISOString());
      at = new Date(at.getTime() + RETRY_STEP_MS * attempt);
    }
    const smtp = await server();
    expect(await sendPendingEmails(p.store.db, transport(smtp.port), new Date(at.getTime() + 365 * 86_400_000))).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    const [row] = await outbox();
    expect([row?.attempts, row?.sent_at]).toEqual([MAX_EMAIL_ATTEMPTS, null]);
    expect(row?.last_error).toBeTruthy();
  });

  it('the mailer sends what waits in the outbox as soon as it starts', async () => {
    const smtp = await server();
    await openAt(new Date());
    const mailer = startMailer(p.store.db, mailConfig(smtp.port), silentLogger);
    try {
      await expect.poll(() => smtp.received.length, { timeout: 5000 }).toBe(1);
      await expect.poll(async () => (await outbox())[0]?.sent_at ?? null, { timeout: 5000 }).not.toBeNull();
    } finally {
      mailer.close();
    }
  });
});

describe('mail configuration', () => {
  it('sends nothing without SMTP_URL, and names the default sender', () => {
    const config = loadConfig({ DATA_DIR: ':memory:' });
    expect(config.smtp).toEqual({ url: null, from: 'portal@office.example' });
    expect(openMailTransport(config)).toBeNull();
  });

  it('takes smtp:// and smtps:// URLs, and refuses anything else at start-up', () => {
    expect(loadConfig({ DATA_DIR: ':memory:', SMTP_URL: 'smtps://user:secret@mail.example:465' }).smtp.url).toBe('smtps://user:secret@mail.example:465');
    for (const bad of ['http://mail.example', 'mail.example:25', 'smtp://']) expect(() => loadConfig({ DATA_DIR: ':memory:', SMTP_URL: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: ':memory:', SMTP_FROM: 'not an address' })).toThrow(/SMTP_FROM/);
  });
});
