/**
 * The checks around a request, on SQLite and PostgreSQL: duplicates found across spellings and scripts at submission,
 * and photo uploads (metadata stripped end to end; polyglots, decompression bombs and oversized files refused with
 * nothing stored).
 */
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { AppError } from '../src/core/errors.ts';
import type { Principal } from '../src/core/principal.ts';
import { createNoticeRequest } from '../src/services/notice-requests/create-notice-request.ts';
import { addRequestPhoto, getRequestPhoto } from '../src/services/notice-requests/request-photos.ts';
import { reviewNoticeRequest } from '../src/services/notice-requests/review-notice-request.ts';
import { submitNoticeRequest } from '../src/services/notice-requests/submit-notice-request.ts';
import { listPhotos } from '../src/storage/repositories/notice-requests.ts';
import { createNotice, wantedInput } from './api-support.ts';
import { actor, agency, approval, openLifecyclePlatform, publicGet, publishRequest, wantedFacts } from './request-support.ts';
import { dialects } from './support/stores.ts';

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');
const u16le = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

/** A real ZIP archive of one stored file, which unzip tools find by its end record even behind a JPEG. */
function zipOf(name: string, content: string): Buffer {
  const data = ascii(content);
  const file = ascii(name);
  const common = Buffer.concat([u16le(20), u16le(0), u16le(0), u16le(0), u16le(0), u32le(crc32(data)), u32le(data.length), u32le(data.length), u16le(file.length), u16le(0)]);
  const local = Buffer.concat([ascii('PK\x03\x04'), common, file, data]);
  const central = Buffer.concat([ascii('PK\x01\x02'), u16le(20), common, u16le(0), u16le(0), u16le(0), u32le(0), u32le(0), file]);
  const end = Buffer.concat([ascii('PK\x05\x06'), u16le(0), u16le(0), u16le(1), u16le(1), u32le(central.length), u32le(local.length), u16le(0)]);
  return Buffer.concat([local, central, end]);
}

/** A 1×1 PNG whose header declares another size (its CRC fixed, so only the size lies): a decompression bomb's shape. */
async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: '#808080' } }).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

const MARKER = 'CAMERA-OWNER-SECRET';

/** A camera JPEG with a description and GPS coordinates (Berlin) in its EXIF. */
const gpsJpeg = (): Promise<Buffer> =>
  sharp({ create: { width: 900, height: 1200, channels: 3, background: { r: 180, g: 150, b: 120 } } })
    .jpeg()
    .withExif({
      IFD0: { ImageDescription: MARKER, Make: 'TestCam' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '13/1 24/1 36/1' },
    })
    .toBuffer();

/** Whether the bytes hold an EXIF block, and whether its TIFF directory has a GPS pointer (tag 0x8825). */
function exifOf(bytes: Uint8Array): { exif: boolean; gps: boolean } {
  const buf = Buffer.from(bytes);
  const at = buf.indexOf(ascii('Exif\0\0'));
  if (at < 0) return { exif: false, gps: false };
  const tiff = buf.subarray(at + 6);
  const tag = tiff.subarray(0, 2).toString('latin1') === 'II' ? Buffer.from([0x25, 0x88]) : Buffer.from([0x88, 0x25]);
  return { exif: true, gps: tiff.indexOf(tag) >= 0 };
}

describe.each(dialects)('request checks on %s', (dialect) => {
  let p: Platform;
  let officer: Principal;
  let ukOfficer: Principal;
  let reviewer: Principal;

  beforeAll(async () => {
    p = await openLifecyclePlatform(dialect);
    const de = await agency(p, { country: 'DE' });
    const ua = await agency(p, { country: 'UA' });
    const office = await agency(p, { isOffice: true, country: 'FR' });
    [officer, ukOfficer, reviewer] = await Promise.all([actor(p, de, ['officer']), actor(p, ua, ['officer']), actor(p, office, ['reviewer'])]);
  });
  afterAll(() => p.close());

  const db = () => p.store.db;

  describe('duplicates across scripts', () => {
    let taras: Awaited<ReturnType<typeof publishRequest>>;
    let olena: Awaited<ReturnType<typeof createNotice>>;

    beforeAll(async () => {
      // Published without a public extract: only the request, not the public index, can reveal it.
      taras = await publishRequest(
        p,
        officer,
        reviewer,
        wantedFacts({ familyName: 'Shevchenko', forename: 'Taras', nameOriginal: null, dateOfBirth: '1979-03-09', publicExtract: { consent: false, fields: [] } }),
        new Date(),
      );
      // A public notice that came without a request of this portal (demo data, imports).
      olena = await createNotice(
        db(),
        wantedInput({ familyName: 'Kovalenko', forename: 'Olena', nameOriginal: null, aliases: [], sex: 'F', dateOfBirth: '1985-06-01', isDemo: true }),
      );
      // Submission ranks against the name index as last synced (a catch-up inside its transaction would wait on
      // SQLite's one connection); the index's poll has run by the time anyone submits, as this sync does.
      await p.deps.noticeIndex.sync();
    });

    const submitPerson = async (familyName: string, forename: string, dateOfBirth: string, sex: 'F' | 'M') => {
      const facts = wantedFacts({ familyName, forename, nameOriginal: null, dateOfBirth, sex, nationalReference: `NCB-${familyName}` });
      const created = await createNoticeRequest(db(), ukOfficer, facts, new Date());
      return submitNoticeRequest(db(), p.deps.noticeIndex, ukOfficer, created.id, new Date());
    };

    it('finds a published request written in Latin letters for a request in Cyrillic, with an explanation', async () => {
      const { request, duplicates } = await submitPerson('Шевченко', 'Тарас', '1979-03-09', 'M');
      expect(request.status).toBe('submitted');
      const found = duplicates.find((d) => d.requestId === taras.id);
      expect(found).toMatchObject({ reference: taras.reference, familyName: 'Shevchenko', forename: 'Taras' });
      expect(found!.score).toBeGreaterThanOrEqual(0.6);
      expect(found!.explanation.length).toBeGreaterThan(10);
      // The reviewer sees them too: they are recorded with the submission.
      const submitted = (await db().selectFrom('notice_request_events').select('details').where('request_id', '=', request.id).where('action', '=', 'submit').execute())[0];
      expect(JSON.parse(submitted!.details)).toMatchObject({ duplicates: [expect.objectContaining({ requestId: taras.id })] });
    });

    it('finds a public notice with no request behind it', async () => {
      const { duplicates } = await submitPerson('Коваленко', 'Олена', '1985-06-01', 'F');
      const found = duplicates.find((d) => d.reference === olena.reference);
      expect(found).toMatchObject({ requestId: null, familyName: 'Kovalenko' });
      expect(found!.explanation).not.toBe('');
    });

    it('finds neither for a different person', async () => {
      const { duplicates } = await submitPerson('Бондар', 'Ярослава', '1996-11-20', 'F');
      expect(duplicates.map((d) => d.requestId)).not.toContain(taras.id);
      expect(duplicates.map((d) => d.reference)).not.toContain(olena.reference);
    });
  });

  describe('uploads', () => {
    const draft = () => createNoticeRequest(db(), officer, wantedFacts({ familyName: 'Rasmussen', forename: 'Helle', nameOriginal: null, publicExtract: { consent: true, fields: ['photos'] } }), new Date());
    const blobCount = async () => Number((await db().selectFrom('photo_blobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    it('stores a GPS-tagged JPEG in every size without its metadata, and the public copy has none either', async () => {
      const original = await gpsJpeg();
      expect(exifOf(original)).toEqual({ exif: true, gps: true });
      expect(original.includes(ascii(MARKER))).toBe(true);

      const r = await draft();
      const photo = await addRequestPhoto(db(), p.deps.photoStore, officer, r.id, original, 'image/jpeg', new Date());
      expect(Object.keys(photo.sizes).sort()).toEqual(['large', 'medium', 'thumb']);
      expect(photo.sizes.large).toMatchObject({ width: 900, height: 1200 });
      for (const size of ['large', 'medium', 'thumb']) {
        const stored = await getRequestPhoto(db(), p.deps.photoStore, officer, r.id, photo.id, size, null);
        expect(stored.contentType).toBe('image/jpeg');
        expect(exifOf(stored.data)).toEqual({ exif: false, gps: false });
        expect(Buffer.from(stored.data).includes(ascii(MARKER))).toBe(false);
        expect((await sharp(stored.data).metadata()).exif).toBeUndefined();
      }

      await submitNoticeRequest(db(), p.deps.noticeIndex, officer, r.id, new Date());
      const published = await reviewNoticeRequest(db(), p.deps.photoStore, reviewer, r.id, approval, new Date());
      const slug = published.reference!.replace('/', '-');
      const detail = (await (await publicGet(p, `/api/v1/notices/${slug}`)).json()) as { images: { id: string; url: string }[] };
      expect(detail.images).toHaveLength(1);
      for (const path of [new URL(detail.images[0]!.url).pathname, `/notices/${slug}/images/${detail.images[0]!.id}`]) {
        const res = await publicGet(p, path);
        expect(res.status).toBe(200);
        const bytes = new Uint8Array(await res.arrayBuffer());
        expect(exifOf(bytes)).toEqual({ exif: false, gps: false });
        expect(Buffer.from(bytes).includes(ascii(MARKER))).toBe(false);
        expect((await sharp(bytes).metadata()).exif).toBeUndefined();
      }
    });

    const hostile: [string, () => Promise<Uint8Array>, number, string][] = [
      ['a JPEG with a ZIP archive appended (a polyglot)', async () => Buffer.concat([await gpsJpeg(), zipOf('payload.sh', '#!/bin/sh\necho owned\n')]), 415, 'error.detail.image_trailing_data'],
      ['a small PNG declaring 30000 × 30000 pixels (a decompression bomb)', () => pngDeclaring(30_000, 30_000), 413, 'error.detail.image_too_many_pixels'],
      ['an 11 MB file', async () => Buffer.concat([await gpsJpeg(), Buffer.alloc(11 * 1024 * 1024)]), 413, 'error.detail.image_too_many_bytes'],
    ];

    it.each(hostile)('refuses %s and stores nothing', async (_name, make, status, key) => {
      const r = await draft();
      const blobs = await blobCount();
      const err = await addRequestPhoto(db(), p.deps.photoStore, officer, r.id, await make(), undefined, new Date()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status, key });
      expect(await listPhotos(db(), r.id, { includeRemoved: true })).toEqual([]);
      expect(await blobCount()).toBe(blobs);
      const events = await db().selectFrom('notice_request_events').select('action').where('request_id', '=', r.id).execute();
      expect(events.map((e) => e.action)).toEqual(['create']);
    });

    it('refuses a photo to another agency’s officer without revealing the draft', async () => {
      const r = await draft();
      const err = await addRequestPhoto(db(), p.deps.photoStore, ukOfficer, r.id, await gpsJpeg(), 'image/jpeg', new Date()).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 404 });
      expect(await listPhotos(db(), r.id, { includeRemoved: true })).toEqual([]);
    });
  });
});
