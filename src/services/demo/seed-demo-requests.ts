/** Seeds fictional notice requests in every state of their lifecycle, made by the demo officers and reviewer through the real use cases. */
import type { Checklist, RequestFactsInput, WithdrawalReason } from '../../core/notice-requests.ts';
import type { PhotoStore } from '../../core/photos.ts';
import type { Principal } from '../../core/principal.ts';
import { renderPortraitJpeg, type PortraitLook } from '../../render/portrait.ts';
import type { Db } from '../../storage/db.ts';
import { listRequests } from '../../storage/repositories/notice-requests.ts';
import { claimSeedStep, releaseSeedStep, seedStepDone, type SeedStep } from '../../storage/repositories/seed-markers.ts';
import { NoticeIndex } from '../notices/notice-index.ts';
import { actAs, demoPrincipal } from './seed-demo-accounts.ts';
import { addRequestPhoto } from '../notice-requests/request-photos.ts';
import { changeNoticeStage } from '../notice-requests/change-notice-stage.ts';
import { createNoticeRequest } from '../notice-requests/create-notice-request.ts';
import { expireNoticeRequests } from '../notice-requests/expire-notice-requests.ts';
import { reviewNoticeRequest } from '../notice-requests/review-notice-request.ts';
import { saveNoticeRequest } from '../notice-requests/save-notice-request.ts';
import { submitNoticeRequest } from '../notice-requests/submit-notice-request.ts';
import { withdrawNoticeRequest } from '../notice-requests/withdraw-notice-request.ts';
import { inTransaction } from '../transaction.ts';

/** The seed marker of this step; not (yet) one of the storage layer's `SeedStep` names, so it is claimed here. */
const MARKER: SeedStep = 'demo-requests';

const officers = {
  de: 'officer@police-de.demo.example',
  hr: 'officer@border-hr.demo.example',
  nl: 'officer@customs-nl.demo.example',
  ua: 'liaison@ncb-ua.demo.example',
} as const;
const REVIEWER = 'reviewer@office.demo.example';

type Officer = keyof typeof officers;
type Actors = Record<Officer | 'reviewer', Principal>;

const DAY_MS = 86_400_000;

/** `now` moved back by whole months (and days), the way a calendar does it: the clock of back-dated approvals. */
function before(now: Date, months: number, days = 0): Date {
  const d = new Date(now.getTime() - days * DAY_MS);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

const hoursBefore = (at: Date, hours: number): Date => new Date(at.getTime() - hours * 3_600_000);

const confirmed: Checklist = { neutral_character: true, human_rights: true, data_quality: true, serious_offence: true };
/** The seriousness of an offence has no meaning for a missing person, so the reviewer leaves it unticked. */
const confirmedMissing: Checklist = { ...confirmed, serious_offence: false };

const wantedPublic = ['photos', 'dateOfBirth', 'nationalities', 'physical', 'languages'] as const;
const missingPublic = ['photos', 'dateOfBirth', 'placeOfBirth', 'nationalities', 'physical', 'distinguishingMarks', 'disappearance'] as const;

/** What one scenario may do; every step runs as its actor, so the history and the audit trail name who acted. */
type Steps = {
  draft(officer: Officer, facts: RequestFactsInput, at: Date): Promise<string>;
  save(officer: Officer, id: string, facts: RequestFactsInput, at: Date): Promise<void>;
  photo(officer: Officer, id: string, seed: string, look: PortraitLook, at: Date): Promise<void>;
  submit(officer: Officer, id: string, at: Date): Promise<void>;
  review(id: string, decision: 'approve' | 'request_changes' | 'refuse', comment: string, checklist: Checklist, at: Date): Promise<void>;
  stage(officer: Officer, id: string, change: 'start_update' | 'request_renewal', at: Date): Promise<void>;
  withdraw(officer: Officer, id: string, reason: WithdrawalReason, note: string, at: Date): Promise<void>;
  /** The clock's run, as the platform's timer does it: no principal, the operator's scope. */
  expire(at: Date): Promise<void>;
};

type Scenario = {
  /** The national reference, unique among the demo requests: it tells a later run the scenario is already there. */
  reference: string;
  run(steps: Steps, now: Date): Promise<void>;
};

/** Drafts, submits with photos and has the reviewer approve, each a little earlier than `approvedAt`. */
async function published(s: Steps, officer: Officer, facts: RequestFactsInput, approvedAt: Date, photos: { seed: string; look: PortraitLook }[] = []): Promise<string> {
  const id = await s.draft(officer, facts, hoursBefore(approvedAt, 50));
  for (const p of photos) await s.photo(officer, id, p.seed, p.look, hoursBefore(approvedAt, 49));
  await s.submit(officer, id, hoursBefore(approvedAt, 26));
  await s.review(id, 'approve', '', facts.kind === 'missing' ? confirmedMissing : confirmed, approvedAt);
  return id;
}

const kovalenko: RequestFactsInput = {
  kind: 'wanted',
  nationalReference: 'DEMO-UA-2026-0001',
  familyName: 'Kovalenko',
  forename: 'Dmytro',
  sex: 'M',
  dateOfBirth: '1987-04-12',
  placeOfBirth: 'Poltava',
  countryOfBirth: 'UA',
  nationalities: ['UA'],
  languages: ['UKR', 'RUS'],
  heightM: 1.82,
  weightKg: 84,
  eyeColors: ['GRY'],
  hairColors: ['BRO'],
  documents: [{ kind: 'passport', number: 'DEMO-FX123456', country: 'UA' }],
  warrants: [
    {
      issuingCountry: 'UA',
      charge: 'Leading a group that moved cigarettes across the border in lorries with false loading papers (fictional case).',
      chargeTranslation: null,
      crimeCategory: 'participation_criminal_organisation',
      legalReference: 'Criminal Code, art. 255 (demo)',
      warrantDate: '2025-06-02',
      warrantAuthority: 'District Court of Poltava (fictional)',
    },
  ],
  publicExtract: { consent: true, fields: [...wantedPublic] },
};

const novak: RequestFactsInput = {
  kind: 'wanted',
  nationalReference: 'DEMO-HR-2026-0003',
  familyName: 'Novak',
  forename: 'Ana',
  sex: 'F',
  dateOfBirth: '1979-09',
  nationalities: ['HR', 'SI'],
  languages: ['HRV', 'SLV', 'ENG'],
  heightM: 1.68,
  hairColors: ['BLN'],
  eyeColors: ['BLU'],
  warrants: [
    {
      issuingCountry: 'HR',
      charge: 'Issuing forged invoices to claim back value added tax for a shipping company (fictional case).',
      chargeTranslation: null,
      crimeCategory: 'fraud',
      legalReference: 'Criminal Code, art. 256 (demo)',
      warrantDate: '2025-03-18',
      warrantAuthority: 'County Court of Split (fictional)',
    },
  ],
  publicExtract: { consent: true, fields: ['dateOfBirth', 'nationalities', 'physical'] },
};

/** The fictional cases, in the order they are made: the published Kovalenko comes before the request that may duplicate it. */
const scenarios: Scenario[] = [
  {
    // Draft, half filled: a name and the start of a warrant, saved with its to-do list.
    reference: 'DEMO-DE-2026-0001',
    run: async (s, now) => {
      const at = hoursBefore(now, 30);
      const id = await s.draft('de', { kind: 'wanted', nationalReference: 'DEMO-DE-2026-0001', familyName: 'Brandt', forename: 'Jonas', sex: 'M' }, at);
      await s.save('de', id, {
        kind: 'wanted',
        nationalReference: 'DEMO-DE-2026-0001',
        familyName: 'Brandt',
        forename: 'Jonas',
        sex: 'M',
        nationalities: ['DE'],
        warrants: [{ issuingCountry: 'DE', charge: 'Selling stolen construction machinery abroad (fictional case).', crimeCategory: 'trafficking_stolen_vehicles' }],
      }, hoursBefore(now, 29));
    },
  },
  {
    // Draft, nearly complete: a missing person whose country of disappearance is still to be given.
    reference: 'DEMO-NL-2026-0001',
    run: async (s, now) => {
      await s.draft('nl', {
        kind: 'missing',
        nationalReference: 'DEMO-NL-2026-0001',
        familyName: 'de Vries',
        forename: 'Sanne',
        sex: 'F',
        dateOfBirth: '2008-02-21',
        placeOfBirth: 'Utrecht',
        countryOfBirth: 'NL',
        nationalities: ['NL'],
        languages: ['NLD', 'ENG'],
        heightM: 1.64,
        hairColors: ['BRO'],
        eyeColors: ['GRE'],
        disappearance: { date: '2026-01-03', place: 'Utrecht Centraal station', circumstances: 'Left home for school and did not arrive (fictional case).' },
      }, hoursBefore(now, 6));
    },
  },
  {
    // Published with consent and photos, its name in Latin script only: the Cyrillic request below matches it across scripts.
    reference: 'DEMO-UA-2026-0001',
    run: async (s, now) => {
      await published(s, 'ua', kovalenko, before(now, 2, 3), [
        { seed: 'demo-request-kovalenko-1', look: { sex: 'M', hairColors: ['BRO'] } },
        { seed: 'demo-request-kovalenko-2', look: { sex: 'M', hairColors: ['BRO'] } },
      ]);
    },
  },
  {
    // Published with consent and a photo: a missing teenager.
    reference: 'DEMO-NL-2026-0003',
    run: async (s, now) => {
      await published(s, 'nl', {
        kind: 'missing',
        nationalReference: 'DEMO-NL-2026-0003',
        familyName: 'Jansen',
        forename: 'Lotte',
        sex: 'F',
        dateOfBirth: '2009-11-05',
        placeOfBirth: 'Groningen',
        countryOfBirth: 'NL',
        nationalities: ['NL'],
        languages: ['NLD'],
        heightM: 1.6,
        hairColors: ['RED'],
        eyeColors: ['BLU'],
        distinguishingMarks: 'Small scar above the left eyebrow.',
        disappearance: {
          date: '2025-10-14',
          place: 'Groningen',
          country: 'NL',
          circumstances: 'Last seen at a bus stop near her school (fictional case).',
          countriesLikelyToBeVisited: ['DE', 'BE'],
        },
        publicExtract: { consent: true, fields: [...missingPublic] },
      }, before(now, 1, 10), [{ seed: 'demo-request-jansen', look: { sex: 'F', hairColors: ['RED'] } }]);
    },
  },
  {
    // Published without consent: it circulates in the portal only.
    reference: 'DEMO-DE-2026-0003',
    run: async (s, now) => {
      await published(s, 'de', {
        kind: 'wanted',
        nationalReference: 'DEMO-DE-2026-0003',
        familyName: 'Keller',
        forename: 'Marius',
        sex: 'M',
        dateOfBirth: '1983-07-30',
        nationalities: ['DE', 'AT'],
        languages: ['DEU'],
        documents: [{ kind: 'identity_card', number: 'DEMO-L01X00T47', country: 'DE' }],
        warrants: [
          {
            issuingCountry: 'DE',
            charge: 'Laundering the proceeds of online investment fraud through shell companies (fictional case).',
            chargeTranslation: null,
            crimeCategory: 'money_laundering',
            legalReference: 'StGB § 261 (demo)',
            warrantDate: '2025-09-09',
            warrantAuthority: 'Amtsgericht Köln (fictional)',
          },
        ],
        armedOrDangerous: false,
      }, before(now, 0, 20));
    },
  },
  {
    // Published, with an update in preparation (an alias and a mark added) while the reviewed version circulates.
    reference: 'DEMO-HR-2026-0003',
    run: async (s, now) => {
      const id = await published(s, 'hr', novak, before(now, 3));
      await s.stage('hr', id, 'start_update', hoursBefore(now, 20));
      await s.save('hr', id, {
        ...novak,
        aliases: [{ familyName: 'Novak Horvat', forename: 'Ana' }],
        distinguishingMarks: 'Tattoo of an anchor on the right wrist.',
      }, hoursBefore(now, 19));
    },
  },
  {
    // Submitted, waiting in the reviewers' queue for two days.
    reference: 'DEMO-HR-2026-0001',
    run: async (s, now) => {
      const id = await s.draft('hr', {
        kind: 'wanted',
        nationalReference: 'DEMO-HR-2026-0001',
        familyName: 'Horvat',
        forename: 'Marko',
        sex: 'M',
        dateOfBirth: '1990-01-17',
        nationalities: ['HR'],
        languages: ['HRV', 'DEU'],
        heightM: 1.88,
        hairColors: ['BLA'],
        warrants: [
          {
            issuingCountry: 'HR',
            charge: 'Driving migrants across the border hidden in a van, for payment (fictional case).',
            chargeTranslation: null,
            crimeCategory: 'facilitation_unauthorised_entry',
            legalReference: 'Criminal Code, art. 326 (demo)',
            warrantDate: '2025-12-01',
            warrantAuthority: 'County Court of Osijek (fictional)',
          },
        ],
        publicExtract: { consent: true, fields: ['photos', 'nationalities', 'physical'] },
      }, before(now, 0, 3));
      await s.photo('hr', id, 'demo-request-horvat', { sex: 'M', hairColors: ['BLA'] }, before(now, 0, 3));
      await s.submit('hr', id, before(now, 0, 2));
    },
  },
  {
    // Submitted, a possible duplicate: the same person as the published Kovalenko, with the name in Cyrillic.
    reference: 'DEMO-DE-2026-0002',
    run: async (s, now) => {
      const id = await s.draft('de', {
        kind: 'wanted',
        nationalReference: 'DEMO-DE-2026-0002',
        familyName: 'Коваленко',
        forename: 'Дмитро',
        sex: 'M',
        dateOfBirth: '1987-04-12',
        nationalities: ['UA'],
        warrants: [
          {
            issuingCountry: 'DE',
            charge: 'Selling untaxed cigarettes from a warehouse in Leipzig (fictional case).',
            chargeTranslation: null,
            crimeCategory: 'participation_criminal_organisation',
            legalReference: 'AO § 373 (demo)',
            warrantDate: '2025-11-20',
            warrantAuthority: 'Amtsgericht Leipzig (fictional)',
          },
        ],
      }, hoursBefore(now, 12));
      await s.submit('de', id, hoursBefore(now, 5));
    },
  },
  {
    // Changes requested: the reviewer wants the charge in English and a date checked.
    reference: 'DEMO-NL-2026-0002',
    run: async (s, now) => {
      const id = await s.draft('nl', {
        kind: 'wanted',
        nationalReference: 'DEMO-NL-2026-0002',
        familyName: 'Bakker',
        forename: 'Daan',
        sex: 'M',
        dateOfBirth: '1991-07-03',
        nationalities: ['NL'],
        languages: ['NLD', 'ENG'],
        warrants: [
          {
            issuingCountry: 'NL',
            charge: 'Invoer van cocaïne verstopt in bananendozen via de haven van Rotterdam (fictieve zaak).',
            chargeTranslation: null,
            crimeCategory: 'trafficking_narcotics',
            legalReference: 'Opiumwet art. 2 (demo)',
            warrantDate: '2025-08-27',
            warrantAuthority: 'Rechtbank Rotterdam (fictional)',
          },
        ],
      }, before(now, 0, 9));
      await s.submit('nl', id, before(now, 0, 8));
      await s.review(
        id,
        'request_changes',
        'Please add an English translation of the charge, and check the date of birth: the warrant gives 1991-03-07, the request 1991-07-03.',
        { ...confirmed, data_quality: false },
        before(now, 0, 6),
      );
    },
  },
  {
    // Refused, with the reasons: the offence is too minor for international circulation.
    reference: 'DEMO-HR-2026-0002',
    run: async (s, now) => {
      const id = await s.draft('hr', {
        kind: 'wanted',
        nationalReference: 'DEMO-HR-2026-0002',
        familyName: 'Babić',
        forename: 'Luka',
        sex: 'M',
        dateOfBirth: '1996-05-09',
        nationalities: ['HR'],
        warrants: [
          {
            issuingCountry: 'HR',
            charge: 'Selling a used mobile phone online that was never delivered, damage EUR 150 (fictional case).',
            chargeTranslation: null,
            crimeCategory: 'swindling',
            legalReference: 'Criminal Code, art. 236 (demo)',
            warrantDate: '2025-10-02',
            warrantAuthority: 'Municipal Court of Zadar (fictional)',
          },
        ],
      }, before(now, 0, 15));
      await s.submit('hr', id, before(now, 0, 14));
      await s.review(
        id,
        'refuse',
        'Refused: a damage of EUR 150 does not meet the seriousness threshold for circulating a notice; a national alert is the proportionate measure.',
        { ...confirmed, serious_offence: false },
        before(now, 0, 12),
      );
    },
  },
  {
    // Circulating, expiring soon: approved four years and eight months ago, so its five years end in four months.
    reference: 'DEMO-DE-2026-0004',
    run: async (s, now) => {
      await published(s, 'de', {
        kind: 'wanted',
        nationalReference: 'DEMO-DE-2026-0004',
        familyName: 'Vogt',
        forename: 'Sabine',
        sex: 'F',
        dateOfBirth: '1972-12-01',
        nationalities: ['DE'],
        languages: ['DEU', 'FRA'],
        warrants: [
          {
            issuingCountry: 'DE',
            charge: 'Embezzling client funds as the director of a travel agency (fictional case).',
            chargeTranslation: null,
            crimeCategory: 'fraud',
            legalReference: 'StGB § 263 (demo)',
            warrantDate: '2019-05-14',
            warrantAuthority: 'Landgericht Hamburg (fictional)',
          },
        ],
        publicExtract: { consent: true, fields: ['dateOfBirth', 'nationalities', 'languages'] },
      }, before(now, 4 * 12 + 8));
    },
  },
  {
    // Renewal submitted: approved four years and seven months ago, the agency asks for five more years.
    reference: 'DEMO-UA-2026-0002',
    run: async (s, now) => {
      const id = await published(s, 'ua', {
        kind: 'missing',
        nationalReference: 'DEMO-UA-2026-0002',
        familyName: 'Bondarenko',
        forename: 'Iryna',
        nameOriginal: 'Бондаренко Ірина',
        sex: 'F',
        dateOfBirth: '1964-03-28',
        placeOfBirth: 'Kharkiv',
        countryOfBirth: 'UA',
        nationalities: ['UA'],
        languages: ['UKR'],
        hairColors: ['GRY'],
        disappearance: {
          date: '2019-08-19',
          place: 'Lviv',
          country: 'UA',
          circumstances: 'Took a night train towards Przemyśl and was not heard of again (fictional case).',
          countriesLikelyToBeVisited: ['PL', 'DE'],
        },
        publicExtract: { consent: true, fields: ['photos', 'nameOriginal', 'dateOfBirth', 'nationalities', 'physical', 'disappearance'] },
      }, before(now, 4 * 12 + 7), [{ seed: 'demo-request-bondarenko', look: { sex: 'F', hairColors: ['GRY'] } }]);
      await s.stage('ua', id, 'request_renewal', hoursBefore(now, 40));
    },
  },
  {
    // Withdrawn because the person was found: the public extract left the site with the withdrawal.
    reference: 'DEMO-NL-2026-0004',
    run: async (s, now) => {
      const id = await published(s, 'nl', {
        kind: 'missing',
        nationalReference: 'DEMO-NL-2026-0004',
        familyName: 'Visser',
        forename: 'Emma',
        sex: 'F',
        dateOfBirth: '1999-06-11',
        nationalities: ['NL'],
        hairColors: ['BLN'],
        disappearance: { date: '2025-07-01', place: 'Amsterdam', country: 'NL', circumstances: 'Did not return from a concert (fictional case).' },
        publicExtract: { consent: true, fields: [...missingPublic] },
      }, before(now, 5), [{ seed: 'demo-request-visser', look: { sex: 'F', hairColors: ['BLN'] } }]);
      await s.withdraw('nl', id, 'found', 'Found safe in Antwerp; the family has been told (fictional case).', before(now, 0, 25));
    },
  },
  {
    // Withdrawn because the warrant was cancelled.
    reference: 'DEMO-DE-2026-0005',
    run: async (s, now) => {
      const id = await published(s, 'de', {
        kind: 'wanted',
        nationalReference: 'DEMO-DE-2026-0005',
        familyName: 'Lorenz',
        forename: 'Tobias',
        sex: 'M',
        dateOfBirth: '1988-02-02',
        nationalities: ['DE'],
        warrants: [
          {
            issuingCountry: 'DE',
            charge: 'Armed robbery of a jewellery shop (fictional case).',
            chargeTranslation: null,
            crimeCategory: 'organised_armed_robbery',
            legalReference: 'StGB § 250 (demo)',
            warrantDate: '2024-11-04',
            warrantAuthority: 'Landgericht München I (fictional)',
          },
        ],
        armedOrDangerous: true,
        publicExtract: { consent: true, fields: ['dateOfBirth', 'nationalities'] },
      }, before(now, 8));
      await s.withdraw('de', id, 'warrant_cancelled', 'The court cancelled the warrant after new evidence (fictional case).', before(now, 0, 40));
    },
  },
  {
    // Expired: approved five years and a day ago and never renewed, then expired by the clock.
    reference: 'DEMO-HR-2026-0004',
    run: async (s, now) => {
      await published(s, 'hr', {
        kind: 'missing',
        nationalReference: 'DEMO-HR-2026-0004',
        familyName: 'Kovačević',
        forename: 'Petra',
        sex: 'F',
        dateOfBirth: '1985-10-23',
        nationalities: ['HR'],
        disappearance: { date: '2019-04-30', place: 'Rijeka', country: 'HR', circumstances: 'Left her flat by car; the car was found at the port (fictional case).' },
        publicExtract: { consent: true, fields: [...missingPublic] },
      }, before(now, 5 * 12, 1));
      await s.expire(now);
    },
  },
];

/** The principal of a demo user as a signed-in session would give it; null when the account is missing or disabled. */
async function demoActors(db: Db): Promise<Actors | null> {
  const out: Partial<Actors> = {};
  for (const [key, email] of [...Object.entries(officers), ['reviewer', REVIEWER]] as [keyof Actors, string][]) {
    const p = await demoPrincipal(db, email);
    if (!p) return null;
    out[key] = p;
  }
  return out as Actors;
}

/** Claimed in a transaction of its own: the use cases below run their own transactions, which cannot nest in one. */
const claimMarker = (db: Db, at: string): Promise<boolean> => inTransaction(db, (trx) => claimSeedStep(trx, MARKER, at));

function stepsFor(db: Db, photoStore: PhotoStore, index: NoticeIndex, actors: Actors, counts: { photos: number }): Steps {
  const as = actAs;
  return {
    draft: async (o, facts, at) => (await as(actors[o], () => createNoticeRequest(db, actors[o], facts, at, { isDemo: true }))).id,
    save: async (o, id, facts, at) => {
      await as(actors[o], () => saveNoticeRequest(db, actors[o], id, facts, at));
    },
    photo: async (o, id, seed, look, at) => {
      const jpeg = await renderPortraitJpeg(seed, look);
      await as(actors[o], () => addRequestPhoto(db, photoStore, actors[o], id, jpeg.data, jpeg.contentType, at));
      counts.photos++;
    },
    submit: async (o, id, at) => {
      await as(actors[o], () => submitNoticeRequest(db, index, actors[o], id, at));
    },
    review: async (id, decision, comment, checklist, at) => {
      await as(actors.reviewer, () => reviewNoticeRequest(db, photoStore, actors.reviewer, id, { decision, comment, checklist }, at));
    },
    stage: async (o, id, change, at) => {
      await as(actors[o], () => changeNoticeStage(db, actors[o], id, change, at));
    },
    withdraw: async (o, id, reason, note, at) => {
      await as(actors[o], () => withdrawNoticeRequest(db, actors[o], id, { reason, note }, at));
    },
    expire: async (at) => {
      await as(null, () => expireNoticeRequests(db, at));
    },
  };
}

/**
 * Creates the demo notice requests once per database (marker `demo-requests`), after the demo accounts, whose officers
 * draft and whose reviewer decides. Does nothing while those accounts are missing, so a later start can still seed.
 * A run that fails releases the marker; the next one makes only the scenarios whose national reference is not there yet.
 * Without `noticeIndex`, a non-polling index is built for the duplicate checks and closed afterwards.
 */
export async function seedDemoRequests(
  db: Db,
  photoStore: PhotoStore,
  noticeIndex?: NoticeIndex,
  now: Date = new Date(),
): Promise<{ seeded: boolean; requests: number; photos: number }> {
  const skipped = { seeded: false, requests: 0, photos: 0 };
  if (await seedStepDone(db, MARKER)) return skipped;
  const actors = await demoActors(db);
  if (!actors || !(await claimMarker(db, now.toISOString()))) return skipped;
  const index = noticeIndex ?? (await NoticeIndex.build(db, { pollMs: 0 }));
  const counts = { photos: 0 };
  let requests = 0;
  try {
    const existing = new Set(
      (await listRequests(db, { order: 'updated', limit: 10_000 })).filter((r) => r.isDemo).map((r) => r.facts.nationalReference),
    );
    const steps = stepsFor(db, photoStore, index, actors, counts);
    for (const scenario of scenarios) {
      if (existing.has(scenario.reference)) continue;
      await scenario.run(steps, now);
      requests++;
    }
  } catch (err) {
    await releaseSeedStep(db, MARKER);
    throw err;
  } finally {
    if (!noticeIndex) index.close();
  }
  return { seeded: true, requests, photos: counts.photos };
}
