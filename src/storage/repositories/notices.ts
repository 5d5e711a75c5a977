/** Reads and writes notices and their nationalities, charges, countries likely to be visited and images, on either dialect. */
import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool, type Transaction } from 'kysely';
import { newId, nowIso } from '../../core/ids.ts';
import { countryName } from '../../core/countries.ts';
import { ageBounds, foldedFilter, freeTextWords, type NameVariant, type Notice, type NoticeFilters, type NoticeImageRef, type NoticeInput, type NoticeStatus } from '../../core/notices.ts';
import { foldText } from '../../core/text.ts';
import { toCount, type Db } from '../db.ts';
import type { Database, NoticesTable } from '../schema.ts';
import { recordChange } from './change-log.ts';

type Executor = Db | Transaction<Database>;

function parseJsonArray<T>(text: string): T[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
}

function searchFold(input: NoticeInput): string {
  const parts = [
    input.familyName,
    input.forename,
    input.nameOriginal ?? '',
    input.birthName ?? '',
    ...input.aliases.flatMap((a) => [a.familyName, a.forename]),
    input.placeOfBirth ?? '',
    input.distinguishingMarks ?? '',
    input.disappearance?.place ?? '',
    // In English, like the demo places; parents' names stay out, or a search for a person would find their child.
    input.disappearance?.country ? countryName(input.disappearance.country, 'en') : '',
    ...input.charges.flatMap((c) => [c.charge, c.chargeTranslation ?? '']),
  ];
  return ` ${foldText(parts.join(' '))} `;
}

function rowValues(input: NoticeInput, now: string): Omit<NoticesTable, 'id' | 'reference' | 'status' | 'created_at' | 'published_at'> {
  return {
    kind: input.kind,
    family_name: input.familyName,
    forename: input.forename,
    family_name_fold: foldText(input.familyName),
    forename_fold: foldText(input.forename),
    search_fold: searchFold(input),
    name_original: input.nameOriginal,
    aliases: JSON.stringify(input.aliases),
    sex: input.sex,
    date_of_birth: input.dateOfBirth,
    birth_year: input.dateOfBirth ? Number(input.dateOfBirth.slice(0, 4)) : null,
    place_of_birth: input.placeOfBirth,
    country_of_birth: input.countryOfBirth,
    height_m: input.heightM,
    weight_kg: input.weightKg,
    eye_colors: JSON.stringify(input.eyeColors),
    hair_colors: JSON.stringify(input.hairColors),
    languages: JSON.stringify(input.languages),
    distinguishing_marks: input.distinguishingMarks,
    date_of_disappearance: input.disappearance?.date ?? null,
    place_of_disappearance: input.disappearance?.place ?? null,
    circumstances: input.disappearance?.circumstances ?? null,
    country_of_disappearance: input.disappearance?.country ?? null,
    issuing_country: input.issuingCountry ?? null,
    father_name: input.fatherName ?? null,
    father_forename: input.fatherForename ?? null,
    mother_name: input.motherName ?? null,
    mother_forename: input.motherForename ?? null,
    birth_name: input.birthName ?? null,
    is_demo: input.isDemo ? 1 : 0,
    updated_at: now,
  };
}

async function writeParts(trx: Transaction<Database>, noticeId: string, input: NoticeInput): Promise<void> {
  await trx.deleteFrom('notice_nationalities').where('notice_id', '=', noticeId).execute();
  await trx.deleteFrom('notice_charges').where('notice_id', '=', noticeId).execute();
  await trx.deleteFrom('notice_visit_countries').where('notice_id', '=', noticeId).execute();
  const nationalities = [...new Set(input.nationalities)];
  if (nationalities.length > 0) {
    await trx
      .insertInto('notice_nationalities')
      .values(nationalities.map((country) => ({ notice_id: noticeId, country })))
      .execute();
  }
  const visits = [...new Set(input.disappearance?.countriesLikelyToBeVisited ?? [])];
  if (visits.length > 0) {
    await trx
      .insertInto('notice_visit_countries')
      .values(visits.map((country, position) => ({ notice_id: noticeId, country, position })))
      .execute();
  }
  if (input.charges.length > 0) {
    await trx
      .insertInto('notice_charges')
      .values(
        input.charges.map((c, position) => ({
          id: newId(),
          notice_id: noticeId,
          issuing_country: c.issuingCountry,
          charge: c.charge,
          charge_translation: c.chargeTranslation,
          crime_category: c.crimeCategory,
          position,
        })),
      )
      .execute();
  }
  await recordChange(trx, 'notice', noticeId);
}

/**
 * Allocates the next public reference for the year, `YYYY/NNNNN`. The counter row is upserted, which takes a row lock
 * on PostgreSQL (and the writer lock on SQLite), so concurrent creations never draw the same number. A new year's
 * counter starts after any reference already present (e.g. imported with an explicit reference).
 */
export async function nextReference(trx: Transaction<Database>, year: number): Promise<string> {
  const prefix = `${year}/`;
  const scope = `notice:${year}`;
  const existing = await trx.selectFrom('reference_counters').select('last').where('scope', '=', scope).executeTakeFirst();
  if (!existing) {
    const row = await trx
      .selectFrom('notices')
      .select((eb) => eb.fn.max('reference').as('last'))
      .where('reference', 'like', `${prefix}%`)
      .executeTakeFirst();
    const start = row?.last ? Number(String(row.last).slice(5)) : 0;
    await trx.insertInto('reference_counters').values({ scope, last: start }).onConflict((oc) => oc.column('scope').doNothing()).execute();
  }
  const next = await trx
    .updateTable('reference_counters')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('scope', '=', scope)
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${prefix}${String(toCount(next.last)).padStart(5, '0')}`;
}

export async function insertNotice(
  trx: Transaction<Database>,
  input: NoticeInput,
  opts: { status: NoticeStatus; now?: string; reference?: string },
): Promise<Notice> {
  const id = await insertNoticeRow(trx, input, opts);
  const notice = await getNoticeById(trx, id);
  if (!notice) throw new Error('inserted notice vanished');
  return notice;
}

/** Inserts a notice with its parts and returns its id without reading it back, for bulk writers such as the demo seed. */
export async function insertNoticeRow(
  trx: Transaction<Database>,
  input: NoticeInput,
  opts: { status: NoticeStatus; now?: string; reference?: string },
): Promise<string> {
  const now = opts.now ?? nowIso();
  const id = newId();
  const reference = opts.reference ?? (await nextReference(trx, Number(now.slice(0, 4))));
  await trx
    .insertInto('notices')
    .values({
      id,
      reference,
      status: opts.status,
      created_at: now,
      published_at: opts.status === 'published' ? now : null,
      ...rowValues(input, now),
    })
    .execute();
  await writeParts(trx, id, input);
  return id;
}

export async function updateNotice(trx: Transaction<Database>, id: string, input: NoticeInput, now = nowIso()): Promise<boolean> {
  const r = await trx.updateTable('notices').set(rowValues(input, now)).where('id', '=', id).executeTakeFirst();
  if (toCount(r.numUpdatedRows) === 0) return false;
  await writeParts(trx, id, input);
  return true;
}

export async function setNoticeStatus(trx: Transaction<Database>, id: string, status: NoticeStatus, now = nowIso()): Promise<boolean> {
  const r = await trx
    .updateTable('notices')
    .set((eb) => ({
      status,
      updated_at: now,
      published_at: status === 'published' ? eb.fn.coalesce('published_at', sql.val(now)) : eb.ref('published_at'),
    }))
    .where('id', '=', id)
    .executeTakeFirst();
  if (toCount(r.numUpdatedRows) === 0) return false;
  await recordChange(trx, 'notice', id);
  return true;
}

export async function addNoticeImage(
  trx: Transaction<Database>,
  noticeId: string,
  image: { contentType: string; width: number; height: number; data: Uint8Array },
): Promise<NoticeImageRef> {
  const row = await trx
    .selectFrom('notice_images')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('notice_id', '=', noticeId)
    .executeTakeFirst();
  const position = row?.last === null || row?.last === undefined ? 0 : toCount(row.last) + 1;
  const id = newId();
  await trx
    .insertInto('notice_images')
    .values({ id, notice_id: noticeId, position, content_type: image.contentType, width: image.width, height: image.height, data: image.data, created_at: nowIso() })
    .execute();
  await trx.updateTable('notices').set({ updated_at: nowIso() }).where('id', '=', noticeId).execute();
  return { id, contentType: image.contentType, width: image.width, height: image.height };
}

export async function getNoticeImage(
  db: Executor,
  noticeId: string,
  imageId: string,
): Promise<{ contentType: string; data: Uint8Array; createdAt: string } | undefined> {
  const row = await db
    .selectFrom('notice_images')
    .select(['content_type', 'data', 'created_at'])
    .where('notice_id', '=', noticeId)
    .where('id', '=', imageId)
    .executeTakeFirst();
  return row ? { contentType: row.content_type, data: row.data, createdAt: row.created_at } : undefined;
}

async function hydrate(db: Executor, rows: Selectable<NoticesTable>[]): Promise<Notice[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [nats, visits, charges, images] = await Promise.all([
    db.selectFrom('notice_nationalities').selectAll().where('notice_id', 'in', ids).orderBy('country').execute(),
    db.selectFrom('notice_visit_countries').selectAll().where('notice_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('notice_charges').selectAll().where('notice_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('notice_images')
      .select(['id', 'notice_id', 'content_type', 'width', 'height'])
      .where('notice_id', 'in', ids)
      .orderBy('position')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    kind: r.kind,
    status: r.status,
    familyName: r.family_name,
    forename: r.forename,
    nameOriginal: r.name_original,
    aliases: parseJsonArray(r.aliases),
    sex: r.sex,
    dateOfBirth: r.date_of_birth,
    placeOfBirth: r.place_of_birth,
    countryOfBirth: r.country_of_birth,
    nationalities: nats.filter((n) => n.notice_id === r.id).map((n) => n.country),
    heightM: r.height_m === null ? null : Number(r.height_m),
    weightKg: r.weight_kg === null ? null : Number(r.weight_kg),
    eyeColors: parseJsonArray(r.eye_colors),
    hairColors: parseJsonArray(r.hair_colors),
    languages: parseJsonArray(r.languages),
    distinguishingMarks: r.distinguishing_marks,
    charges: charges
      .filter((c) => c.notice_id === r.id)
      .map((c) => ({ issuingCountry: c.issuing_country, charge: c.charge, chargeTranslation: c.charge_translation, crimeCategory: c.crime_category })),
    disappearance:
      r.kind === 'missing'
        ? {
            date: r.date_of_disappearance,
            place: r.place_of_disappearance,
            circumstances: r.circumstances,
            country: r.country_of_disappearance,
            countriesLikelyToBeVisited: visits.filter((v) => v.notice_id === r.id).map((v) => v.country),
          }
        : null,
    issuingCountry: r.issuing_country,
    fatherName: r.father_name,
    fatherForename: r.father_forename,
    motherName: r.mother_name,
    motherForename: r.mother_forename,
    birthName: r.birth_name,
    isDemo: r.is_demo === 1,
    images: images
      .filter((i) => i.notice_id === r.id)
      .map((i) => ({ id: i.id, contentType: i.content_type, width: i.width, height: i.height })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
  }));
}

export async function getNoticeById(db: Executor, id: string): Promise<Notice | undefined> {
  const rows = await db.selectFrom('notices').selectAll().where('id', '=', id).execute();
  return (await hydrate(db, rows))[0];
}

export async function getNoticeByReference(db: Executor, reference: string): Promise<Notice | undefined> {
  const rows = await db.selectFrom('notices').selectAll().where('reference', '=', reference).execute();
  return (await hydrate(db, rows))[0];
}

export async function getNoticesByIds(db: Executor, ids: string[]): Promise<Notice[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('notices').selectAll().where('id', 'in', ids).execute();
  const byId = new Map((await hydrate(db, rows)).map((n) => [n.id, n]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Escapes LIKE wildcards so user text matches literally. */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

type NoticeEb = ExpressionBuilder<Database, 'notices'>;
type FilterSet = Omit<NoticeFilters, 'sort' | 'page' | 'perPage'>;

const isPostgres = (db: Executor): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Text compared and ordered byte by byte on both dialects (SQLite's default; PostgreSQL's database collation would
 * otherwise skip spaces and punctuation), so both dialects and the in-memory catalogue agree on every order.
 */
const binaryText = (pg: boolean, column: string) => (pg ? sql<string>`${sql.ref(column)} collate "C"` : sql<string>`${sql.ref(column)}`);

const matchesNothing = sql<SqlBool>`1 = 0`;

/** The last day a partial date of birth allows, in SQL: the same rule as `latestBirthDate`. */
const latestBirthDateSql = sql<string>`(case length(notices.date_of_birth) when 4 then notices.date_of_birth || '-12-31' when 7 then notices.date_of_birth || '-31' else notices.date_of_birth end)`;

function applyFilters(f: FilterSet, today: Date, pg: boolean) {
  return (eb: NoticeEb) => {
    const conds: Expression<SqlBool>[] = [eb('notices.status', '=', 'published')];
    if (f.familyNamePattern || f.forenamePattern) throw new Error('name patterns are answered from the notice catalogue, not in SQL');
    if (f.kind) conds.push(eb('notices.kind', '=', f.kind));
    if (f.sex) conds.push(eb('notices.sex', '=', f.sex));
    for (const [value, column] of [
      [f.familyName, 'notices.family_name_fold'],
      [f.forename, 'notices.forename_fold'],
    ] as const) {
      const folded = foldedFilter(value);
      if (folded === null) conds.push(matchesNothing);
      else if (folded) conds.push(sql<SqlBool>`${sql.ref(column)} like ${`${likeLiteral(folded)}%`} escape '\\'`);
    }
    const words = freeTextWords(f.freeText);
    if (words === null) conds.push(matchesNothing);
    else if (words) for (const word of words) conds.push(sql<SqlBool>`notices.search_fold like ${`% ${likeLiteral(word)}%`} escape '\\'`);
    const ages = ageBounds(today, f.ageMin, f.ageMax);
    if (ages.min !== undefined) conds.push(sql<SqlBool>`${binaryText(pg, 'notices.date_of_birth')} <= ${ages.min}`);
    if (ages.max !== undefined) conds.push(pg ? sql<SqlBool>`${latestBirthDateSql} collate "C" > ${ages.max}` : sql<SqlBool>`${latestBirthDateSql} > ${ages.max}`);
    if (f.nationality)
      conds.push(
        eb.exists(
          eb.selectFrom('notice_nationalities as nn').select('nn.notice_id').whereRef('nn.notice_id', '=', 'notices.id').where('nn.country', '=', f.nationality),
        ),
      );
    if (f.wantedBy || f.crimeCategory) {
      let sub = eb.selectFrom('notice_charges as nc').select('nc.notice_id').whereRef('nc.notice_id', '=', 'notices.id');
      if (f.wantedBy) sub = sub.where('nc.issuing_country', '=', f.wantedBy);
      if (f.crimeCategory) sub = sub.where('nc.crime_category', '=', f.crimeCategory);
      conds.push(eb.exists(sub));
    }
    return eb.and(conds);
  };
}

export type NoticePage = { total: number; notices: Notice[] };

/**
 * Lists published notices matching the filters in SQL: the operators' path (no in-memory catalogue at hand). The
 * public search answers the same filters from `NoticeCatalog` with the same results.
 */
export async function searchNotices(db: Executor, filters: NoticeFilters, opts: { today?: Date } = {}): Promise<NoticePage> {
  const pg = isPostgres(db);
  const where = applyFilters(filters, opts.today ?? new Date(), pg);
  const countRow = await db.selectFrom('notices').select((eb) => eb.fn.countAll().as('n')).where(where).executeTakeFirstOrThrow();
  const total = toCount(countRow.n);
  let q = db.selectFrom('notices').selectAll().where(where);
  q =
    filters.sort === 'name'
      ? q.orderBy(binaryText(pg, 'family_name_fold')).orderBy(binaryText(pg, 'forename_fold')).orderBy(binaryText(pg, 'id'))
      : filters.sort === 'oldest'
        ? q.orderBy(binaryText(pg, 'published_at'), 'asc').orderBy(binaryText(pg, 'id'), 'asc')
        : q.orderBy(binaryText(pg, 'published_at'), 'desc').orderBy(binaryText(pg, 'id'), 'desc');
  const rows = await q.limit(filters.perPage).offset((filters.page - 1) * filters.perPage).execute();
  return { total, notices: await hydrate(db, rows) };
}

export async function countNotices(db: Executor): Promise<number> {
  const row = await db.selectFrom('notices').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** What the in-memory search needs of a notice: its names, the facts the public filters test, and its status. */
export type NoticeSearchRow = {
  id: string;
  status: NoticeStatus;
  kind: Notice['kind'];
  sex: Notice['sex'];
  familyName: string;
  forename: string;
  familyNameFold: string;
  forenameFold: string;
  searchFold: string;
  nameOriginal: string | null;
  aliases: NameVariant[];
  dateOfBirth: string | null;
  publishedAt: string | null;
  nationalities: string[];
  charges: { issuingCountry: string; crimeCategory: string | null }[];
  reference: string;
  /** The first image, which result lists show. */
  photo: NoticeImageRef | null;
};

const searchColumns = [
  'id',
  'reference',
  'status',
  'kind',
  'sex',
  'family_name',
  'forename',
  'family_name_fold',
  'forename_fold',
  'search_fold',
  'name_original',
  'aliases',
  'date_of_birth',
  'published_at',
] as const;

type SearchColumnsRow = Pick<Selectable<NoticesTable>, (typeof searchColumns)[number]>;

function groupBy<T extends { notice_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.notice_id);
    if (list) list.push(r);
    else out.set(r.notice_id, [r]);
  }
  return out;
}

type ImageRefRow = { id: string; notice_id: string; content_type: string; width: number; height: number };
const imageRefColumns = ['id', 'notice_id', 'content_type', 'width', 'height'] as const;

function toSearchRows(
  rows: SearchColumnsRow[],
  nats: { notice_id: string; country: string }[],
  charges: { notice_id: string; issuing_country: string; crime_category: string | null }[],
  images: ImageRefRow[],
): NoticeSearchRow[] {
  const natsBy = groupBy(nats);
  const chargesBy = groupBy(charges);
  const firstImage = new Map<string, ImageRefRow>();
  // Rows come in position order, so the first seen per notice is its first image.
  for (const i of images) if (!firstImage.has(i.notice_id)) firstImage.set(i.notice_id, i);
  return rows.map((r) => {
    const image = firstImage.get(r.id);
    return {
    id: r.id,
    reference: r.reference,
    photo: image ? { id: image.id, contentType: image.content_type, width: image.width, height: image.height } : null,
    status: r.status,
    kind: r.kind,
    sex: r.sex,
    familyName: r.family_name,
    forename: r.forename,
    familyNameFold: r.family_name_fold,
    forenameFold: r.forename_fold,
    searchFold: r.search_fold,
    nameOriginal: r.name_original,
    aliases: parseJsonArray(r.aliases),
    dateOfBirth: r.date_of_birth,
    publishedAt: r.published_at,
    nationalities: (natsBy.get(r.id) ?? []).map((n) => n.country),
    charges: (chargesBy.get(r.id) ?? []).map((c) => ({ issuingCountry: c.issuing_country, crimeCategory: c.crime_category })),
    };
  });
}

/**
 * Every published notice's search facts, in batches of `batch` by id, for loading the in-memory search at start-up:
 * three queries per batch, the parts read by id range (the primary key's order) rather than by long lists of ids.
 */
export async function* streamPublishedSearchRows(db: Executor, batch = 20_000): AsyncGenerator<NoticeSearchRow[]> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('notices').select(searchColumns).where('status', '=', 'published').where('id', '>', after).orderBy('id').limit(batch).execute();
    const last = rows.at(-1)?.id;
    if (last === undefined) return;
    const [nats, charges, images] = await Promise.all([
      db.selectFrom('notice_nationalities').select(['notice_id', 'country']).where('notice_id', '>', after).where('notice_id', '<=', last).orderBy('country').execute(),
      db
        .selectFrom('notice_charges')
        .select(['notice_id', 'issuing_country', 'crime_category'])
        .where('notice_id', '>', after)
        .where('notice_id', '<=', last)
        .orderBy('position')
        .execute(),
      db.selectFrom('notice_images').select(imageRefColumns).where('notice_id', '>', after).where('notice_id', '<=', last).orderBy('position').execute(),
    ]);
    yield toSearchRows(rows, nats, charges, images);
    after = last;
  }
}

/** The search facts of the given notices, whatever their status (the caller drops those no longer published). */
export async function getSearchRowsByIds(db: Executor, ids: string[]): Promise<NoticeSearchRow[]> {
  if (ids.length === 0) return [];
  const [rows, nats, charges, images] = await Promise.all([
    db.selectFrom('notices').select(searchColumns).where('id', 'in', ids).execute(),
    db.selectFrom('notice_nationalities').select(['notice_id', 'country']).where('notice_id', 'in', ids).orderBy('country').execute(),
    db.selectFrom('notice_charges').select(['notice_id', 'issuing_country', 'crime_category']).where('notice_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('notice_images').select(imageRefColumns).where('notice_id', 'in', ids).orderBy('position').execute(),
  ]);
  return toSearchRows(rows, nats, charges, images);
}

/** Replaces a notice's images with the given ones, in order (a reviewed version's photos reaching the public extract). */
export async function replaceNoticeImages(
  trx: Transaction<Database>,
  noticeId: string,
  images: readonly { contentType: string; width: number; height: number; data: Uint8Array }[],
  now = nowIso(),
): Promise<void> {
  await trx.deleteFrom('notice_images').where('notice_id', '=', noticeId).execute();
  let position = 0;
  for (const image of images) {
    await trx
      .insertInto('notice_images')
      .values({ id: newId(), notice_id: noticeId, position: position++, content_type: image.contentType, width: image.width, height: image.height, data: image.data, created_at: now })
      .execute();
  }
  await recordChange(trx, 'notice', noticeId);
}
