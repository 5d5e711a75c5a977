/** The two photo stores: files under the data directory for a single instance, and the database for instances that share their photos. */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Transaction } from 'kysely';
import { nowIso } from '../core/ids.ts';
import { isPhotoKey, type PhotoStore } from '../core/photos.ts';
import type { Db } from './db.ts';
import type { Database } from './schema.ts';

type Executor = Db | Transaction<Database>;

// A content type is written into the file's header line, so it must stay one line of plain token characters.
const contentTypePattern = /^[a-z]+\/[0-9a-z.+-]+$/;

function checkKey(key: string): void {
  if (!isPhotoKey(key)) throw new Error(`not a photo key: ${JSON.stringify(key.slice(0, 100))}`);
}

function checkContentType(contentType: string): void {
  if (!contentTypePattern.test(contentType)) throw new Error(`not a content type: ${JSON.stringify(contentType.slice(0, 100))}`);
}

/** Photos in the `photo_blobs` table; given a transaction, writes commit or roll back with the rest of the use case. */
export class DatabasePhotoStore implements PhotoStore {
  constructor(private readonly db: Executor) {}

  async put(key: string, data: Uint8Array, contentType: string): Promise<void> {
    checkKey(key);
    checkContentType(contentType);
    const row = { content_type: contentType, data, byte_size: data.byteLength, created_at: nowIso() };
    await this.db
      .insertInto('photo_blobs')
      .values({ key, ...row })
      .onConflict((oc) => oc.column('key').doUpdateSet(row))
      .execute();
  }

  async get(key: string): Promise<{ data: Uint8Array; contentType: string } | undefined> {
    checkKey(key);
    const row = await this.db.selectFrom('photo_blobs').select(['content_type', 'data']).where('key', '=', key).executeTakeFirst();
    return row ? { data: row.data, contentType: row.content_type } : undefined;
  }

  async delete(keys: readonly string[]): Promise<void> {
    keys.forEach(checkKey);
    // Bounded batches keep each statement well under SQLite's and PostgreSQL's parameter limits.
    for (let i = 0; i < keys.length; i += 500) await this.db.deleteFrom('photo_blobs').where('key', 'in', keys.slice(i, i + 500)).execute();
  }
}

/** Identifies the file format below, so a stray file in the directory is never served as a photo. */
const fileMagic = 'liaison-photo 1\n';

/**
 * Photos as files under `dir/photos/<shard>/<key>`, each a header line (magic, then the content type) followed by
 * the bytes. The shard is two hex digits of the key's SHA-256: keys made from `newId()` share their leading
 * (time) characters for decades, so sharding on them would put every photo in one directory.
 */
export class FilePhotoStore implements PhotoStore {
  private readonly root: string;

  constructor(dir: string) {
    this.root = join(dir, 'photos');
  }

  private pathOf(key: string): string {
    checkKey(key);
    const shard = createHash('sha256').update(key).digest('hex').slice(0, 2);
    return join(this.root, shard, key);
  }

  /** Writes a temporary file beside the target, flushes it, then renames it over: readers see the old or the new photo, never half of one. */
  async put(key: string, data: Uint8Array, contentType: string): Promise<void> {
    const path = this.pathOf(key);
    checkContentType(contentType);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    try {
      const file = await open(temp, 'wx', 0o640);
      try {
        await file.writeFile(Buffer.concat([Buffer.from(`${fileMagic}${contentType}\n`, 'latin1'), data]));
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<{ data: Uint8Array; contentType: string } | undefined> {
    const path = this.pathOf(key);
    let file: Buffer;
    try {
      file = await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const headerEnd = file.indexOf(0x0a, fileMagic.length);
    const contentType = file.toString('latin1', fileMagic.length, Math.max(headerEnd, fileMagic.length));
    if (file.toString('latin1', 0, fileMagic.length) !== fileMagic || headerEnd < 0 || !contentTypePattern.test(contentType))
      throw new Error(`not a photo file: ${path}`);
    return { data: file.subarray(headerEnd + 1), contentType };
  }

  async delete(keys: readonly string[]): Promise<void> {
    const paths = keys.map((key) => this.pathOf(key));
    for (const path of paths) {
      try {
        await unlink(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }
}

/** The configured photo store: `files` keeps photos under `dataDir`, `database` in the store every instance shares. */
export function openPhotoStore(opts: { kind: 'files' | 'database'; dataDir: string; db: Db }): PhotoStore {
  return opts.kind === 'database' ? new DatabasePhotoStore(opts.db) : new FilePhotoStore(opts.dataDir);
}
