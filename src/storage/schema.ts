/** Row types of every table, shared by migrations and repositories on both dialects (times are ISO-8601 UTC text, booleans 0/1). */
import type { Generated } from 'kysely';
import type { AccountTables } from './schema-accounts.ts';
import type { ApiKeyTables } from './schema-api-keys.ts';
import type { AuditTables } from './schema-audit.ts';
import type { CaseTables } from './schema-cases.ts';
import type { PhotoTables } from './schema-photos.ts';
import type { RequestTables } from './schema-requests.ts';

export interface NoticesTable {
  id: string;
  /** Public reference, `YYYY/NNNNN`. */
  reference: string;
  kind: 'wanted' | 'missing';
  status: 'draft' | 'published' | 'withdrawn';
  family_name: string;
  forename: string;
  /** Lower-case ASCII folds of the names, for SQL filters (the matching index does fuzzy search). */
  family_name_fold: string;
  forename_fold: string;
  /** Folded names (relatives' included), aliases, places, countries and charges for the plain free-text filter. */
  search_fold: string;
  /** Name in its original script, when not Latin. */
  name_original: string | null;
  /** JSON array of {family_name, forename}. */
  aliases: string;
  sex: 'F' | 'M' | 'U';
  /** Partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD. */
  date_of_birth: string | null;
  birth_year: number | null;
  place_of_birth: string | null;
  country_of_birth: string | null;
  height_m: number | null;
  weight_kg: number | null;
  /** JSON arrays of codes. */
  eye_colors: string;
  hair_colors: string;
  languages: string;
  distinguishing_marks: string | null;
  date_of_disappearance: string | null;
  place_of_disappearance: string | null;
  circumstances: string | null;
  /** ISO code of the country where the person went missing. */
  country_of_disappearance: string | null;
  /** ISO code of the country whose bureau requested the notice. */
  issuing_country: string | null;
  father_name: string | null;
  father_forename: string | null;
  mother_name: string | null;
  mother_forename: string | null;
  birth_name: string | null;
  /** Marks fictional demonstration records. */
  is_demo: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface NoticeNationalitiesTable {
  notice_id: string;
  country: string;
}

/** Countries a missing person is likely to travel to, in the order the requesting bureau gave them. */
export interface NoticeVisitCountriesTable {
  notice_id: string;
  country: string;
  position: number;
}

export interface NoticeChargesTable {
  id: string;
  notice_id: string;
  issuing_country: string;
  charge: string;
  charge_translation: string | null;
  /** Code from the European Arrest Warrant offence list (see core/crime-categories). */
  crime_category: string | null;
  position: number;
}

export interface NoticeImagesTable {
  id: string;
  notice_id: string;
  position: number;
  content_type: string;
  width: number;
  height: number;
  data: Uint8Array;
  created_at: string;
}

export interface NewsTable {
  id: string;
  slug: string;
  kind: 'news' | 'event';
  lang: string;
  title: string;
  summary: string;
  body: string;
  event_start: string | null;
  event_end: string | null;
  event_place: string | null;
  is_demo: number;
  published_at: string;
  updated_at: string;
}

export interface ContentBlocksTable {
  key: string;
  lang: string;
  body: string;
  updated_at: string;
}

export interface PoliceContactsTable {
  country: string;
  status: 'member' | 'candidate';
  /** JSON array of {number, label}. */
  emergency_numbers: string;
  /** JSON array of police force names. */
  police_names: string;
  website: string | null;
  source_url: string;
  source_note: string | null;
  updated_at: string;
}

export interface ReferenceCountersTable {
  /** e.g. `notice:2026`. */
  scope: string;
  last: number;
}

export interface ChangeLogTable {
  /** Taken at insert time, so on PostgreSQL not in commit order; followers use `commit_seq`. */
  seq: Generated<number>;
  entity: string;
  entity_id: string;
  changed_at: string;
  /** The change counter's value in the writing transaction: commit order, no gaps, unique. */
  commit_seq: number;
}

/** One row (id 1): the number of the last committed change, and the lock that keeps changes in commit order. */
export interface ChangeCounterTable {
  id: number;
  n: number;
}

/** A token bucket shared by every instance, keyed `budget client`. */
export interface RateBucketsTable {
  key: string;
  tokens: number;
  updated_ms: number;
  /** 1 when the last take got a token: an upsert returns only the new row, so it carries its decision. */
  granted: number;
}

/** A one-time seeding step that has run (e.g. `demo-notices`). */
export interface SeedMarkersTable {
  name: string;
  seeded_at: string;
}

export interface Database extends AccountTables, AuditTables, ApiKeyTables, RequestTables, PhotoTables, CaseTables {
  notices: NoticesTable;
  notice_nationalities: NoticeNationalitiesTable;
  notice_visit_countries: NoticeVisitCountriesTable;
  notice_charges: NoticeChargesTable;
  notice_images: NoticeImagesTable;
  news: NewsTable;
  content_blocks: ContentBlocksTable;
  police_contacts: PoliceContactsTable;
  change_log: ChangeLogTable;
  change_counter: ChangeCounterTable;
  rate_buckets: RateBucketsTable;
  seed_markers: SeedMarkersTable;
  reference_counters: ReferenceCountersTable;
}
