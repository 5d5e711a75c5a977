/** Seeds fictional exchange cases between the demo agencies and the office, in every state, through the real case use cases. */
import type { CaseEntity, CaseKind, CrimeArea, MessageInput, Urgency } from '../../core/cases.ts';
import type { PhotoStore } from '../../core/photos.ts';
import type { Principal } from '../../core/principal.ts';
import { renderPortraitJpeg } from '../../render/portrait.ts';
import type { Db } from '../../storage/db.ts';
import { listAgencyCases, listMessages } from '../../storage/repositories/cases.ts';
import { listRequests } from '../../storage/repositories/notice-requests.ts';
import { claimSeedStep, releaseSeedStep, seedStepDone, type SeedStep } from '../../storage/repositories/seed-markers.ts';
import { addCaseAttachment } from '../cases/case-attachments.ts';
import { extendCaseRetention } from '../cases/case-retention.ts';
import { acknowledgeCase, closeCase, forwardCase, grantMessagePermission } from '../cases/change-case.ts';
import { getCaseView } from '../cases/get-case.ts';
import { notifyOverdueCases } from '../cases/notify-overdue-cases.ts';
import { openCase } from '../cases/open-case.ts';
import { postMessage } from '../cases/post-message.ts';
import { NoticeIndex } from '../notices/notice-index.ts';
import { actAs, demoPrincipal } from './seed-demo-accounts.ts';
import { inTransaction } from '../transaction.ts';

const MARKER: SeedStep = 'demo-cases';

const accounts = {
  de: 'officer@police-de.demo.example',
  hr: 'officer@border-hr.demo.example',
  nl: 'officer@customs-nl.demo.example',
  ua: 'liaison@ncb-ua.demo.example',
  office: 'liaison@office.demo.example',
} as const;

type Actor = keyof typeof accounts;
type Actors = Record<Actor, Principal>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const hoursBefore = (at: Date, hours: number): Date => new Date(at.getTime() - hours * HOUR_MS);
const daysBefore = (at: Date, days: number): Date => new Date(at.getTime() - days * DAY_MS);

type Message = Pick<MessageInput, 'body'> & Partial<Omit<MessageInput, 'body'>>;

const message = (m: Message): MessageInput => ({ handlingCode: 'H0', restriction: '', sourceGrade: 'B', informationGrade: '2', ...m });

type Opening = {
  kind?: CaseKind;
  subject: string;
  nationalReference: string;
  crimeArea: CrimeArea;
  urgency: Urgency;
  to: Actor[];
  entities?: CaseEntity[];
  linkedRequestIds?: string[];
  message: Message;
};

/** What one scenario may do; every step runs as its actor, so receipts, the thread and the audit trail name who acted. */
type Steps = {
  open(by: Actor, o: Opening, at: Date): Promise<string>;
  /** Opening the case's page: the reader's receipt, and their notifications of it read. */
  read(by: Actor, caseId: string, at: Date): Promise<void>;
  acknowledge(by: Actor, caseId: string, at: Date): Promise<void>;
  reply(by: Actor, caseId: string, m: Message, at: Date): Promise<string>;
  attach(by: Actor, caseId: string, messageId: string, seed: string, name: string, at: Date): Promise<void>;
  close(by: Actor, caseId: string, outcome: 'closed' | 'refused', reason: string, at: Date): Promise<void>;
  forward(caseId: string, to: Actor, at: Date): Promise<void>;
  permit(by: Actor, caseId: string, messageId: string, to: Actor, at: Date): Promise<void>;
  extend(caseId: string, days: number, reason: string, at: Date): Promise<void>;
  /** The first message of a case (the one its opening sent), read without a consultation: it is the seed's own. */
  firstMessage(caseId: string): Promise<string>;
  /** The published demo request of this national reference, if the demo requests are there. */
  publishedRequest(nationalReference: string): Promise<string | null>;
};

type Scenario = { subject: string; run(s: Steps, now: Date, subject: string): Promise<void> };

const kovalenkoCyrillic: CaseEntity = {
  type: 'person',
  familyName: 'Коваленко',
  forename: 'Дмитро',
  nameOriginal: null,
  dateOfBirth: '1987-04-12',
  nationality: 'UA',
};

/** The fictional cases, oldest first; each subject is unique among them and tells a later run the case is there. */
const scenarios: Scenario[] = [
  {
    // Closed seven months ago: its review date has passed, so it waits on the retention screens.
    subject: 'Stolen excavator traced to a building site near Zagreb (fictional)',
    run: async (s, now, subject) => {
      const opened = daysBefore(now, 240);
      const id = await s.open('de', {
        subject,
        nationalReference: 'DEMO-DE-CASE-0001',
        crimeArea: 'organised_property_crime',
        urgency: 'standard',
        to: ['hr'],
        entities: [{ type: 'vehicle', registration: 'DEMO-B-XY-123', country: 'DE', description: 'Yellow tracked excavator, serial number ground off' }],
        message: { body: 'An excavator stolen in Bavaria sends its GPS position from a building site south of Zagreb. Can you confirm it is there and who holds it?' },
      }, opened);
      await s.read('hr', id, hoursBefore(opened, -3));
      await s.reply('hr', id, { body: 'Confirmed: the machine is on the site and the site manager says he bought it online. It is secured pending your request for its return.', sourceGrade: 'A', informationGrade: '1' }, daysBefore(opened, -2));
      await s.close('de', id, 'closed', '', daysBefore(now, 215));
    },
  },
  {
    // Closed long ago as well, but a liaison officer extended its retention with a reason: it stays for another year.
    subject: 'Counterfeit medicines shipped by parcel to Rotterdam (fictional)',
    run: async (s, now, subject) => {
      const opened = daysBefore(now, 260);
      const id = await s.open('nl', {
        subject,
        nationalReference: 'DEMO-NL-CASE-0001',
        crimeArea: 'fraud',
        urgency: 'non_urgent',
        to: ['ua'],
        message: { body: 'Parcels of counterfeit heart medicine reached Rotterdam with a sender address in Odesa. Is the sender known to you?', sourceGrade: 'B', informationGrade: '3' },
      }, opened);
      await s.read('ua', id, daysBefore(opened, -1));
      await s.reply('ua', id, { body: 'The address belongs to a courier office; the same sender is part of an investigation here, which we will share once the prosecutor agrees.' }, daysBefore(opened, -4));
      await s.close('nl', id, 'closed', '', daysBefore(now, 225));
      await s.extend(id, 365, 'The Ukrainian investigation into the same sender is still open; the case file is needed for the joint follow-up (fictional).', daysBefore(now, 2));
    },
  },
  {
    // Closed: answered in time and closed by its originator.
    subject: 'Identity check of a lorry driver stopped at Bregana (fictional)',
    run: async (s, now, subject) => {
      const opened = daysBefore(now, 10);
      const id = await s.open('hr', {
        subject,
        nationalReference: 'DEMO-HR-CASE-0001',
        crimeArea: 'migrant_smuggling',
        urgency: 'standard',
        to: ['de'],
        entities: [
          { type: 'person', familyName: 'Weber', forename: 'Lukas', nameOriginal: null, dateOfBirth: '1979-03-02', nationality: 'DE' },
          { type: 'document', kind: 'driving_licence', number: 'DEMO-DL-440021', country: 'DE' },
        ],
        message: { body: 'A lorry driver with a German licence was stopped with six people hidden behind pallets. Please confirm his identity and any record.' },
      }, opened);
      await s.read('de', id, hoursBefore(opened, -2));
      await s.acknowledge('de', id, hoursBefore(opened, -2));
      await s.reply('de', id, { body: 'Identity confirmed from the licence register. No criminal record; his employer is a haulage firm in Passau.', sourceGrade: 'A', informationGrade: '1' }, daysBefore(opened, -1));
      await s.close('hr', id, 'closed', '', daysBefore(now, 8));
    },
  },
  {
    // Refused by the recipient, with its reason.
    subject: 'Request for bank records of a boat rental firm (fictional)',
    run: async (s, now, subject) => {
      const opened = daysBefore(now, 5);
      const id = await s.open('hr', {
        subject,
        nationalReference: 'DEMO-HR-CASE-0002',
        crimeArea: 'money_laundering',
        urgency: 'standard',
        to: ['nl'],
        message: { body: 'Please obtain the bank records of a Dutch boat rental firm that paid a Split company EUR 400,000 in cash deposits.' },
      }, opened);
      await s.read('nl', id, hoursBefore(opened, -5));
      await s.close('nl', id, 'refused', 'Bank records need a judicial order: please send a European Investigation Order through the prosecutor; customs cannot obtain them on a police request.', daysBefore(now, 4));
    },
  },
  {
    // Answered late: the reply came after the three days of a standard case (the statistics' "not in time").
    subject: 'Firearms parts ordered online from a Kyiv address (fictional)',
    run: async (s, now, subject) => {
      const opened = daysBefore(now, 7);
      const id = await s.open('de', {
        subject,
        nationalReference: 'DEMO-DE-CASE-0002',
        crimeArea: 'firearms',
        urgency: 'standard',
        to: ['ua'],
        message: { body: 'Customs seized pistol slides and barrels ordered by a Leipzig buyer from a shop giving a Kyiv address. Is the shop known?', handlingCode: 'H1', sourceGrade: 'A', informationGrade: '2' },
      }, opened);
      await s.read('ua', id, daysBefore(opened, -2));
      await s.acknowledge('ua', id, daysBefore(opened, -2));
      await s.reply('ua', id, { body: 'The address is a mail-forwarding office. The shop is registered to a person already under investigation for arms trafficking.', sourceGrade: 'B', informationGrade: '2' }, daysBefore(opened, -4));
    },
  },
  {
    // Answered, with a photograph attached to the reply.
    subject: 'Person seen crossing at Maljevac with a false passport (fictional)',
    run: async (s, now, subject) => {
      const opened = daysBefore(now, 2);
      const id = await s.open('nl', {
        subject,
        nationalReference: 'DEMO-NL-CASE-0002',
        crimeArea: 'migrant_smuggling',
        urgency: 'standard',
        to: ['hr'],
        entities: [{ type: 'document', kind: 'passport', number: 'DEMO-NX9981', country: 'NL' }],
        message: { body: 'A Dutch passport reported lost was used at your border. Do you have a photograph of the person who showed it?' },
      }, opened);
      await s.read('hr', id, hoursBefore(opened, -4));
      await s.acknowledge('hr', id, hoursBefore(opened, -4));
      const reply = await s.reply('hr', id, { body: 'Yes: the border camera took the attached picture at the crossing. The person travelled on towards Slovenia.', sourceGrade: 'A', informationGrade: '1' }, daysBefore(opened, -1));
      await s.attach('hr', id, reply, 'demo-case-maljevac', 'border-camera.jpg', daysBefore(opened, -1));
    },
  },
  {
    // Forwarded by the office's liaison officer to its counterpart abroad.
    subject: 'Cigarettes in a lorry bound for Lviv: routing request (fictional)',
    run: async (s, now, subject) => {
      const opened = daysBefore(now, 1);
      const id = await s.open('nl', {
        subject,
        nationalReference: 'DEMO-NL-CASE-0003',
        crimeArea: 'fraud',
        urgency: 'standard',
        to: ['office'],
        message: { body: 'A lorry with 8 million cigarettes declared as furniture left Rotterdam for Lviv. Please route this to the Ukrainian counterpart.' },
      }, opened);
      await s.read('office', id, hoursBefore(opened, -1));
      await s.forward(id, 'ua', hoursBefore(opened, -2));
    },
  },
  {
    // H2 information addressed to the office: its originator permitted the Ukrainian counterpart (and no one else) to receive it.
    subject: 'Informant report on a smuggling route through Zakarpattia (fictional)',
    run: async (s, now, subject) => {
      const opened = hoursBefore(now, 30);
      const id = await s.open('hr', {
        kind: 'information',
        subject,
        nationalReference: 'DEMO-HR-CASE-0003',
        crimeArea: 'migrant_smuggling',
        urgency: 'non_urgent',
        to: ['office'],
        message: {
          body: 'A registered informant describes a route from Zakarpattia through Hungary to Croatia used by one network. Not to be passed on without our permission.',
          handlingCode: 'H2',
          sourceGrade: 'B',
          informationGrade: '3',
        },
      }, opened);
      await s.permit('hr', id, await s.firstMessage(id), 'ua', hoursBefore(opened, -2));
    },
  },
  {
    // A cross-check hit: the person named in Cyrillic matches the published Latin-script notice of Dmytro Kovalenko.
    subject: 'Driver named on a Cyrillic waybill of a cigarette shipment (fictional)',
    run: async (s, now, subject) => {
      const kovalenko = await s.publishedRequest('DEMO-UA-2026-0001');
      const opened = hoursBefore(now, 20);
      const id = await s.open('nl', {
        subject,
        nationalReference: 'DEMO-NL-CASE-0004',
        crimeArea: 'fraud',
        urgency: 'standard',
        to: ['de'],
        entities: [kovalenkoCyrillic],
        linkedRequestIds: kovalenko ? [kovalenko] : [],
        message: { body: 'The waybill of a seized cigarette shipment names its driver in Cyrillic (Коваленко Дмитро, born 1987-04-12); the lorry was last seen heading for Leipzig.' },
      }, opened);
      await s.read('de', id, hoursBefore(opened, -3));
    },
  },
  {
    // Acknowledged, not yet answered.
    subject: 'Hacked webshop accounts reselling concert tickets (fictional)',
    run: async (s, now, subject) => {
      const opened = hoursBefore(now, 26);
      const id = await s.open('hr', {
        subject,
        nationalReference: 'DEMO-HR-CASE-0004',
        crimeArea: 'cybercrime',
        urgency: 'non_urgent',
        to: ['de'],
        message: { body: 'Tickets bought with stolen Croatian card data are resold through accounts of a German webshop. Can you identify the account holders?', sourceGrade: 'A', informationGrade: '3' },
      }, opened);
      await s.read('de', id, hoursBefore(now, 22));
      await s.acknowledge('de', id, hoursBefore(now, 22));
    },
  },
  {
    // Overdue: urgent, opened twelve hours ago, acknowledged but unanswered past its eight hours.
    subject: 'Missing minor possibly taken across the border by car (fictional)',
    run: async (s, now, subject) => {
      const opened = hoursBefore(now, 12);
      const id = await s.open('ua', {
        subject,
        nationalReference: 'DEMO-UA-CASE-0001',
        crimeArea: 'missing_persons',
        urgency: 'urgent',
        to: ['de'],
        entities: [{ type: 'vehicle', registration: 'DEMO-AA-1234-BX', country: 'UA', description: 'Grey estate car' }],
        message: { body: 'A 14-year-old girl is believed to be in a grey estate car that crossed into Poland last night, heading for Berlin. Please alert patrols and check toll records.', sourceGrade: 'B', informationGrade: '2' },
      }, opened);
      await s.read('de', id, hoursBefore(opened, -1));
    },
  },
  {
    // New: urgent information to the Dutch customs, not yet opened there.
    subject: 'Container with hidden cocaine arriving at Rotterdam tomorrow (fictional)',
    run: async (s, now, subject) => {
      await s.open('ua', {
        kind: 'information',
        subject,
        nationalReference: 'DEMO-UA-CASE-0002',
        crimeArea: 'drugs',
        urgency: 'urgent',
        to: ['nl'],
        entities: [{ type: 'document', kind: 'container', number: 'DEMO-MSCU-7712045', country: null }],
        message: { body: 'A container shipped from Odesa via Constanța carries cocaine inside its refrigeration unit; it is due at Rotterdam tomorrow morning.', handlingCode: 'H1', sourceGrade: 'B', informationGrade: '2' },
      }, hoursBefore(now, 1));
    },
  },
  {
    // New: a standard request to the Croatian border guards, not yet opened there.
    subject: 'Rental vans returned with altered number plates (fictional)',
    run: async (s, now, subject) => {
      await s.open('de', {
        subject,
        nationalReference: 'DEMO-DE-CASE-0003',
        crimeArea: 'organised_property_crime',
        urgency: 'standard',
        to: ['hr'],
        entities: [{ type: 'vehicle', registration: 'DEMO-M-AB-4711', country: 'DE', description: 'White panel van' }],
        message: { body: 'Vans rented in Munich came back from trips to Croatia with altered plates and swapped engines. Were these registrations recorded at your border?' },
      }, hoursBefore(now, 3));
    },
  },
];

/** The principal of a demo user as a signed-in session would give it; null when the account is missing or disabled. */
async function demoActors(db: Db): Promise<Actors | null> {
  const out: Partial<Actors> = {};
  for (const [key, email] of Object.entries(accounts) as [Actor, string][]) {
    const p = await demoPrincipal(db, email);
    if (!p) return null;
    out[key] = p;
  }
  return out as Actors;
}

/** Subjects of the cases the demo agencies opened: what an earlier, failed run already made. */
async function existingSubjects(db: Db, actors: Actors): Promise<Set<string>> {
  const subjects = new Set<string>();
  for (const p of Object.values(actors)) {
    const rows = await listAgencyCases(db, { agencyId: p.agencyId, role: 'sent', limit: 10_000 });
    for (const r of rows) subjects.add(r.subject);
  }
  return subjects;
}

function stepsFor(db: Db, photoStore: PhotoStore, index: NoticeIndex, actors: Actors, counts: { attachments: number }): Steps {
  const as = actAs;
  return {
    open: async (by, o, at) => {
      const input = {
        kind: o.kind ?? 'request',
        subject: o.subject,
        nationalReference: o.nationalReference,
        crimeArea: o.crimeArea,
        urgency: o.urgency,
        recipientAgencyIds: o.to.map((a) => actors[a].agencyId),
        entities: o.entities ?? [],
        linkedRequestIds: o.linkedRequestIds ?? [],
        linkedCaseIds: [],
        message: message(o.message),
      };
      return (await as(actors[by], () => openCase(db, index, actors[by], input, at, { isDemo: true }))).id;
    },
    read: async (by, caseId, at) => {
      await as(actors[by], () => getCaseView(db, actors[by], caseId, undefined, at));
    },
    acknowledge: async (by, caseId, at) => {
      await as(actors[by], () => acknowledgeCase(db, actors[by], caseId, at));
    },
    reply: async (by, caseId, m, at) => (await as(actors[by], () => postMessage(db, actors[by], caseId, message(m), at))).id,
    attach: async (by, caseId, messageId, seed, name, at) => {
      const jpeg = await renderPortraitJpeg(seed);
      await as(actors[by], () => addCaseAttachment(db, photoStore, actors[by], caseId, messageId, { bytes: jpeg.data, type: jpeg.contentType, name }, at));
      counts.attachments++;
    },
    close: async (by, caseId, outcome, reason, at) => {
      await as(actors[by], () => closeCase(db, actors[by], caseId, { outcome, reason }, at));
    },
    forward: async (caseId, to, at) => {
      await as(actors.office, () => forwardCase(db, actors.office, caseId, actors[to].agencyId, at));
    },
    permit: async (by, caseId, messageId, to, at) => {
      await as(actors[by], () => grantMessagePermission(db, actors[by], caseId, messageId, actors[to].agencyId, at));
    },
    extend: async (caseId, days, reason, at) => {
      await as(actors.office, () => extendCaseRetention(db, actors.office, caseId, { days, reason }, at));
    },
    firstMessage: async (caseId) => {
      const first = (await listMessages(db, caseId))[0];
      if (!first) throw new Error(`demo case ${caseId} has no message`);
      return first.id;
    },
    publishedRequest: async (nationalReference) => {
      const rows = await listRequests(db, { order: 'updated', limit: 10_000 });
      return rows.find((r) => r.isDemo && r.status === 'published' && r.facts.nationalReference === nationalReference)?.id ?? null;
    },
  };
}

/**
 * Creates the demo cases once per database (marker `demo-cases`), after the demo accounts and notice requests (one case
 * names the person of a published demo request, in another script, so its cross-check shows a hit). Does nothing
 * while the accounts are missing. A run that fails releases the marker; the next one makes only the missing cases.
 * Ends with the clock's overdue notifications, so the portal's badge has something to show.
 */
export async function seedDemoCases(db: Db, photoStore: PhotoStore, now: Date = new Date()): Promise<{ seeded: boolean; cases: number; attachments: number }> {
  const skipped = { seeded: false, cases: 0, attachments: 0 };
  if (await seedStepDone(db, MARKER)) return skipped;
  const actors = await demoActors(db);
  // Claimed in a transaction of its own: the use cases below run their own transactions, which cannot nest in one.
  if (!actors || !(await inTransaction(db, (trx) => claimSeedStep(trx, MARKER, now.toISOString())))) return skipped;
  const index = await NoticeIndex.build(db, { pollMs: 0 });
  const counts = { attachments: 0 };
  let cases = 0;
  try {
    const existing = await existingSubjects(db, actors);
    const steps = stepsFor(db, photoStore, index, actors, counts);
    for (const scenario of scenarios) {
      if (existing.has(scenario.subject)) continue;
      await scenario.run(steps, now, scenario.subject);
      cases++;
    }
    await notifyOverdueCases(db, now);
  } catch (err) {
    await releaseSeedStep(db, MARKER);
    throw err;
  } finally {
    index.close();
  }
  return { seeded: true, cases, attachments: counts.attachments };
}
