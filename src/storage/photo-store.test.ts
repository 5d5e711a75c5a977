import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../../test/support/stores.ts';
import { newId } from '../core/ids.ts';
import { photoKey, type PhotoStore } from '../core/photos.ts';
import { openStore, type Store } from './db.ts';
import { DatabasePhotoStore, FilePhotoStore, openPhotoStore } from './photo-store.ts';

const bytesOf = (...values: number[]) => Uint8Array.from(values);
/** Every byte value, twice: a store that treats the data as text or stops at a zero or newline byte fails on it. */
const everyByte = Uint8Array.from({ length: 512 }, (_, i) => i % 256);

/** The behaviour both stores promise, run against each. */
function contract(open: () => PhotoStore) {
  it('gives back exactly the bytes and content type it was given', async () => {
    const store = open();
    const key = photoKey(newId(), 'large');
    await store.put(key, everyByte, 'image/jpeg');
    const got = await store.get(key);
    expect(got?.contentType).toBe('image/jpeg');
    expect(Buffer.from(got?.data ?? []).equals(Buffer.from(everyByte))).toBe(true);
    expect(got?.data).toBeInstanceOf(Uint8Array);
  });

  it('overwrites a key, content type included', async () => {
    const store = open();
    const key = photoKey(newId(), 'thumb');
    await store.put(key, everyByte, 'image/jpeg');
    await store.put(key, bytesOf(1, 2, 3), 'image/png');
    const got = await store.get(key);
    expect([...(got?.data ?? [])]).toEqual([1, 2, 3]);
    expect(got?.contentType).toBe('image/png');
  });

  it('keeps keys apart, and stores an empty file', async () => {
    const store = open();
    const id = newId();
    await store.put(photoKey(id, 'large'), bytesOf(1), 'image/jpeg');
    await store.put(photoKey(id, 'medium'), new Uint8Array(0), 'image/jpeg');
    expect([...((await store.get(photoKey(id, 'large')))?.data ?? [])]).toEqual([1]);
    expect((await store.get(photoKey(id, 'medium')))?.data.byteLength).toBe(0);
    expect(await store.get(photoKey(id, 'thumb'))).toBeUndefined();
  });

  it('deletes the keys it is given, ignores missing ones and leaves the others', async () => {
    const store = open();
    const [a, b, c] = [newId(), newId(), newId()].map((id) => photoKey(id, 'large')) as [string, string, string];
    for (const key of [a, b, c]) await store.put(key, bytesOf(9), 'image/jpeg');
    await store.delete([a, c, photoKey(newId(), 'thumb')]);
    expect(await store.get(a)).toBeUndefined();
    expect(await store.get(c)).toBeUndefined();
    expect((await store.get(b))?.data.byteLength).toBe(1);
    await store.delete([a]);
    await store.delete([]);
    expect(await store.get(b)).toBeDefined();
  });

  it('refuses keys outside the key alphabet and content types that are not one token', async () => {
    const store = open();
    for (const bad of ['../../../etc/passwd', '..', 'ABCDEFGHIJKL', 'abcdefgh/../x', 'short', 'a'.repeat(81), 'abcdefgh\0']) {
      await expect(store.put(bad, bytesOf(1), 'image/jpeg'), bad).rejects.toThrow('not a photo key');
      await expect(store.get(bad), bad).rejects.toThrow('not a photo key');
      await expect(store.delete([bad]), bad).rejects.toThrow('not a photo key');
    }
    await expect(store.put(photoKey(newId(), 'large'), bytesOf(1), 'image/jpeg\nx')).rejects.toThrow('not a content type');
  });
}

describe.each(dialects)('DatabasePhotoStore on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  contract(() => new DatabasePhotoStore(store.db));

  it('writes inside a transaction: rolled back with it, committed with it', async () => {
    const [kept, dropped] = [photoKey(newId(), 'large'), photoKey(newId(), 'large')];
    await expect(
      store.db.transaction().execute(async (trx) => {
        await new DatabasePhotoStore(trx).put(dropped, bytesOf(1), 'image/jpeg');
        expect(await new DatabasePhotoStore(trx).get(dropped)).toBeDefined();
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    await store.db.transaction().execute(async (trx) => new DatabasePhotoStore(trx).put(kept, bytesOf(2), 'image/jpeg'));
    const photos = new DatabasePhotoStore(store.db);
    expect(await photos.get(dropped)).toBeUndefined();
    expect(await photos.get(kept)).toBeDefined();
  });

  it('records the byte size, and is what openPhotoStore gives for kind database', async () => {
    const key = photoKey(newId(), 'medium');
    await openPhotoStore({ kind: 'database', dataDir: '/nonexistent', db: store.db }).put(key, everyByte, 'image/jpeg');
    const row = await store.db.selectFrom('photo_blobs').select(['byte_size']).where('key', '=', key).executeTakeFirstOrThrow();
    expect(Number(row.byte_size)).toBe(everyByte.length);
  });

  it('deletes more keys than one statement takes', async () => {
    const photos = new DatabasePhotoStore(store.db);
    const keys = Array.from({ length: 1203 }, () => photoKey(newId(), 'thumb'));
    const last = keys[keys.length - 1] ?? '';
    await photos.put(last, bytesOf(1), 'image/jpeg');
    await photos.delete(keys);
    expect(await photos.get(last)).toBeUndefined();
  });
});

describe('FilePhotoStore', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'liaison-photos-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  contract(() => new FilePhotoStore(dir));

  const filesUnder = async (root: string): Promise<string[]> =>
    (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

  it('keeps each photo as one file under photos/<shard>/<key>, and no temporary file behind', async () => {
    const own = await mkdtemp(join(dir, 'layout-'));
    const unused = openStore({ sqlitePath: ':memory:' });
    const photos = openPhotoStore({ kind: 'files', dataDir: own, db: unused.db });
    const key = photoKey(newId(), 'large');
    await photos.put(key, everyByte, 'image/jpeg');
    await photos.put(key, everyByte, 'image/jpeg');
    const files = await filesUnder(own);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^${own}/photos/[0-9a-f]{2}/${key}$`));
    await photos.delete([key]);
    expect(await filesUnder(own)).toEqual([]);
    await unused.close();
  });

  it('spreads keys that share their leading characters over many directories', async () => {
    const own = await mkdtemp(join(dir, 'spread-'));
    const photos = new FilePhotoStore(own);
    const now = Date.now();
    for (let i = 0; i < 40; i++) await photos.put(photoKey(newId(now), 'thumb'), bytesOf(i), 'image/jpeg');
    expect((await readdir(join(own, 'photos'))).length).toBeGreaterThan(20);
  });

  it('leaves a photo whole while it is overwritten concurrently', async () => {
    const photos = new FilePhotoStore(dir);
    const key = photoKey(newId(), 'large');
    const versions = [1, 2, 3, 4, 5, 6].map((v) => new Uint8Array(256 * 1024).fill(v));
    await Promise.all([...versions.map((data) => photos.put(key, data, 'image/jpeg')), photos.get(key)]);
    const got = (await photos.get(key))?.data ?? new Uint8Array(0);
    expect(got.byteLength).toBe(256 * 1024);
    expect(new Set(got).size).toBe(1);
  });

  it('refuses to read a file that it did not write', async () => {
    const own = await mkdtemp(join(dir, 'stray-'));
    const photos = new FilePhotoStore(own);
    const key = photoKey(newId(), 'large');
    await photos.put(key, bytesOf(1), 'image/jpeg');
    const [path = ''] = await filesUnder(own);
    await writeFile(path, '<html>not a photo</html>');
    await expect(photos.get(key)).rejects.toThrow('not a photo file');
  });
});
