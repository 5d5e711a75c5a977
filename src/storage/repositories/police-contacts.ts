/** Reads and writes the police directory (one row per member or candidate country) on either dialect. */
import type { Selectable, Transaction } from 'kysely';
import { nowIso } from '../../core/ids.ts';
import type { EmergencyNumber, PoliceContact } from '../../core/police-directory.ts';
import type { Db } from '../db.ts';
import type { Database, PoliceContactsTable } from '../schema.ts';
import type { StoredPoliceContact } from '../../core/police-directory.ts';

type Executor = Db | Transaction<Database>;

function parseArray<T>(text: string): T[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
}

function toContact(row: Selectable<PoliceContactsTable>): StoredPoliceContact {
  return {
    country: row.country,
    status: row.status,
    emergencyNumbers: parseArray<EmergencyNumber>(row.emergency_numbers),
    policeNames: parseArray<string>(row.police_names),
    website: row.website,
    sourceUrl: row.source_url,
    sourceNote: row.source_note,
    updatedAt: row.updated_at,
  };
}

/** Inserts the country's entry or replaces the one it has. */
export async function upsertPoliceContact(trx: Transaction<Database>, contact: PoliceContact, now: string = nowIso()): Promise<void> {
  const values = {
    status: contact.status,
    emergency_numbers: JSON.stringify(contact.emergencyNumbers),
    police_names: JSON.stringify(contact.policeNames),
    website: contact.website,
    source_url: contact.sourceUrl,
    source_note: contact.sourceNote,
    updated_at: now,
  };
  await trx
    .insertInto('police_contacts')
    .values({ country: contact.country, ...values })
    .onConflict((oc) => oc.column('country').doUpdateSet(values))
    .execute();
}

export async function listPoliceContacts(db: Executor): Promise<StoredPoliceContact[]> {
  const rows = await db.selectFrom('police_contacts').selectAll().orderBy('country').execute();
  return rows.map(toContact);
}

export async function getPoliceContact(db: Executor, country: string): Promise<StoredPoliceContact | undefined> {
  const row = await db.selectFrom('police_contacts').selectAll().where('country', '=', country).executeTakeFirst();
  return row ? toContact(row) : undefined;
}
