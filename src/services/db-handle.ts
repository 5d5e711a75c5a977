/** The database handle use cases take, named here so the web layer can pass it along without depending on storage. */
import type { Db } from '../storage/db.ts';

export type DbHandle = Db;
