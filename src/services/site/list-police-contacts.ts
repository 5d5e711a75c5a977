/** The police directory: how to reach the police in each member and candidate country, or in one of them. */
import type { StoredPoliceContact } from '../../core/police-directory.ts';
import type { Db } from '../../storage/db.ts';
import { getPoliceContact, listPoliceContacts as listAll } from '../../storage/repositories/police-contacts.ts';

export function listPoliceContacts(db: Db): Promise<StoredPoliceContact[]> {
  return listAll(db);
}

export function findPoliceContact(db: Db, country: string): Promise<StoredPoliceContact | undefined> {
  return getPoliceContact(db, country);
}
