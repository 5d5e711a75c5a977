import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { photoSizes, type PhotoSize, type PreparedPhoto } from '../core/photos.ts';
import { preparePhoto } from './photo-upload.ts';
import { MAX_UPLOAD_BYTES } from './portrait.ts';

const solid = (width: number, height: number, background = { r: 200, g: 40, b: 40 }) =>
  sharp({ create: { width, height, channels: 3, background } });

/** The AppError's code and catalog key, or what happened instead. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return `${e.code} ${e.key}`;
    throw e;
  }
  return 'accepted';
}

const concat = (...parts: Uint8Array[]): Buffer => Buffer.concat(parts);
const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');
const u16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const u16le = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

/** A real ZIP archive holding one stored file, as unzip tools find it by its end record. */
function zipOf(name: string, content: string): Buffer {
  const data = ascii(content);
  const file = ascii(name);
  const crc = crc32(data);
  const common = concat(u16le(20), u16le(0), u16le(0), u16le(0), u16le(0), u32le(crc), u32le(data.length), u32le(data.length), u16le(file.length), u16le(0));
  const local = concat(ascii('PK\x03\x04'), common, file, data);
  const central = concat(ascii('PK\x01\x02'), u16le(20), common, u16le(0), u16le(0), u16le(0), u32le(0), u32le(0), file);
  const end = concat(ascii('PK\x05\x06'), u16le(0), u16le(0), u16le(1), u16le(1), u32le(central.length), u32le(local.length), u16le(0));
  return concat(local, central, end);
}

/** A 1×1 PNG whose IHDR is rewritten to declare another size, with its CRC fixed so only the size is a lie. */
async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await solid(1, 1).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** Inserts JPEG segments right after SOI. */
const withSegments = (jpeg: Buffer, ...segments: Buffer[]): Buffer => concat(jpeg.subarray(0, 2), ...segments, jpeg.subarray(2));
const segment = (marker: number, payload: Buffer) => concat(Buffer.from([0xff, marker]), u16(payload.length + 2), payload);

/** An EXIF APP1 block with an empty IFD0 and an IFD1 pointing at an embedded JPEG thumbnail, as cameras write it. */
function exifWithThumbnail(thumbnail: Buffer): Buffer {
  const be32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const entry = (tag: number, value: number) => concat(u16(tag), u16(4), be32(1), be32(value));
  const thumbnailOffset = 8 + 6 + 2 + 24 + 4;
  const tiff = concat(ascii('MM'), u16(42), be32(8), u16(0), be32(14), u16(2), entry(0x0201, thumbnailOffset), entry(0x0202, thumbnail.length), be32(0), thumbnail);
  return segment(0xe1, concat(ascii('Exif\0\0'), tiff));
}

const sizeNames = Object.keys(photoSizes) as PhotoSize[];

async function expectClean(photo: PreparedPhoto, secrets: string[]): Promise<void> {
  for (const size of sizeNames) {
    const { data } = photo.sizes[size];
    const meta = await sharp(data).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.exif, meta.icc, meta.xmp, meta.iptc, meta.orientation], size).toEqual([undefined, undefined, undefined, undefined, undefined]);
    for (const text of ['Exif', 'GPS', 'http://ns.adobe.com/xap', ...secrets]) expect(data.includes(text), `${size}: ${text}`).toBe(false);
  }
}

describe('preparePhoto: what comes out', () => {
  it('drops EXIF with the GPS position from every size', async () => {
    const input = await solid(1600, 1200)
      .withExif({
        IFD0: { Copyright: 'camera owner name', Artist: 'officer x' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 300/100', GPSMapDatum: 'WGS-84' },
      })
      .jpeg()
      .toBuffer();
    // The input really carries them, so the test cannot pass on an image that had nothing to strip.
    expect((await sharp(input).metadata()).exif?.includes('WGS-84')).toBe(true);
    expect(input.includes('camera owner name')).toBe(true);

    const photo = await preparePhoto(input, 'image/jpeg');
    expect(photo.contentType).toBe('image/jpeg');
    await expectClean(photo, ['WGS-84', 'camera owner name', 'officer x']);
  });

  it('drops an ICC profile and XMP from a PNG', async () => {
    const input = await solid(50, 50).withIccProfile('p3').withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><secret>where</secret></x:xmpmeta>').png().toBuffer();
    const before = await sharp(input).metadata();
    expect(before.icc).toBeDefined();
    expect(before.xmp).toBeDefined();
    await expectClean(await preparePhoto(input, 'image/png'), ['<secret>']);
  });

  it('keeps every size within its bound, never enlarges, and reports the upright original size', async () => {
    const photo = await preparePhoto(await solid(2400, 1600).webp().toBuffer(), 'image/webp');
    expect([photo.width, photo.height]).toEqual([2400, 1600]);
    expect(photo.sizes.large).toMatchObject({ width: 1200, height: 800 });
    expect(photo.sizes.medium).toMatchObject({ width: 600, height: 400 });
    expect(photo.sizes.thumb).toMatchObject({ width: 200, height: 133 });
    for (const size of sizeNames) {
      const meta = await sharp(photo.sizes[size].data).metadata();
      expect([meta.width, meta.height]).toEqual([photo.sizes[size].width, photo.sizes[size].height]);
    }
    const small = await preparePhoto(await solid(150, 90).png().toBuffer());
    for (const size of sizeNames) expect(small.sizes[size]).toMatchObject({ width: 150, height: 90 });
  });

  it('honours the EXIF orientation and then drops it', async () => {
    // Left half red, right half blue; orientation 6 means "turn 90° clockwise to show", so red ends up on top.
    const red = await solid(300, 200, { r: 255, g: 0, b: 0 }).png().toBuffer();
    const input = await solid(600, 200, { r: 0, g: 0, b: 255 })
      .composite([{ input: red, left: 0, top: 0 }])
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const photo = await preparePhoto(input);
    expect([photo.width, photo.height]).toEqual([200, 600]);
    expect(photo.sizes.medium).toMatchObject({ width: 200, height: 600 });
    expect(photo.sizes.thumb).toMatchObject({ width: 67, height: 200 });
    const pixel = async (top: number) => {
      const { data } = await sharp(photo.sizes.medium.data).extract({ left: 100, top, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
      return [...data];
    };
    const [topR = 0, , topB = 0] = await pixel(50);
    const [bottomR = 0, , bottomB = 0] = await pixel(550);
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(200);
    expect(bottomR).toBeLessThan(60);
    await expectClean(photo, []);
  });

  it('flattens transparency on white and brings 16-bit and grey images to 8-bit JPEG', async () => {
    const clear = await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const { data } = await sharp((await preparePhoto(clear)).sizes.thumb.data).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
    const deep = await solid(40, 40).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    const out = await sharp((await preparePhoto(deep)).sizes.large.data).metadata();
    expect([out.depth, out.format]).toEqual(['uchar', 'jpeg']);
    const grey = await solid(40, 40).greyscale().jpeg().toBuffer();
    expect((await preparePhoto(grey)).sizes.large.width).toBe(40);
  });

  it('accepts a camera JPEG whose EXIF block embeds a thumbnail JPEG, and a few bytes of padding', async () => {
    const thumbnail = await solid(16, 12).jpeg().toBuffer();
    const input = withSegments(await solid(320, 240).jpeg().toBuffer(), exifWithThumbnail(thumbnail));
    // The thumbnail's own EOI comes before the image data: a search for the first FFD9 would cut the file there.
    expect(input.indexOf(Buffer.from([0xff, 0xd9]))).toBeLessThan(input.length - 100);
    const photo = await preparePhoto(input, 'image/jpeg');
    expect(photo.sizes.large).toMatchObject({ width: 320, height: 240 });
    await expectClean(photo, []);
    expect((await preparePhoto(concat(input, Buffer.alloc(8)))).width).toBe(320);
  });
});

describe('preparePhoto: what is refused', () => {
  it('refuses a JPEG with a ZIP appended and a PNG with an HTML page appended', async () => {
    const jpeg = await solid(64, 64).jpeg().toBuffer();
    const zip = zipOf('payload.sh', '#!/bin/sh\necho owned\n');
    expect(await refusal(preparePhoto(concat(jpeg, zip), 'image/jpeg'))).toBe('unsupported_media_type error.detail.image_trailing_data');
    const png = await solid(64, 64).png().toBuffer();
    const html = ascii('<html><body><script>fetch("/portal").then(r=>r.text()).then(alert)</script></body></html>');
    expect(await refusal(preparePhoto(concat(png, html), 'image/png'))).toBe('unsupported_media_type error.detail.image_trailing_data');
    const webp = await solid(64, 64).webp().toBuffer();
    expect(await refusal(preparePhoto(concat(webp, zip)))).toBe('unsupported_media_type error.detail.image_trailing_data');
    // More than a few bytes of padding is content, not padding.
    expect(await refusal(preparePhoto(concat(jpeg, Buffer.alloc(64))))).toBe('unsupported_media_type error.detail.image_trailing_data');
  });

  it('refuses a decompression bomb from its header, quickly and without decoding it', async () => {
    const bomb = await pngDeclaring(30000, 30000);
    expect(bomb.length).toBeLessThan(100);
    const started = performance.now();
    expect(await refusal(preparePhoto(bomb, 'image/png'))).toBe('payload_too_large error.detail.image_too_many_pixels');
    expect(performance.now() - started).toBeLessThan(500);
    expect(await refusal(preparePhoto(await pngDeclaring(6001, 10)))).toBe('payload_too_large error.detail.image_too_many_pixels');

    // A JPEG whose frame header declares 30000 rows.
    const jpeg = Buffer.from(await solid(8, 8).jpeg().toBuffer());
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg.writeUInt16BE(30000, sof + 5);
    expect(await refusal(preparePhoto(jpeg))).toBe('payload_too_large error.detail.image_too_many_pixels');
  });

  it('refuses a file over the size limit before looking at it', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024);
    (await solid(8, 8).jpeg().toBuffer()).copy(big);
    expect(big.length).toBeGreaterThan(MAX_UPLOAD_BYTES);
    expect(await refusal(preparePhoto(big, 'image/jpeg'))).toBe('payload_too_large error.detail.image_too_many_bytes');
  });

  it('refuses GIF, SVG, text and empty files, whatever type they are sent with', async () => {
    const only = 'unsupported_media_type error.detail.only_jpeg_png_webp_images';
    expect(await refusal(preparePhoto(await solid(10, 10).gif().toBuffer(), 'image/gif'))).toBe(only);
    const svg = ascii('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    expect(await refusal(preparePhoto(svg, 'image/jpeg'))).toBe(only);
    expect(await refusal(preparePhoto(ascii('just some text'), 'image/png'))).toBe(only);
    expect(await refusal(preparePhoto(new Uint8Array(0)))).toBe(only);
    expect(await refusal(preparePhoto(await solid(10, 10).tiff().toBuffer()))).toBe(only);
  });

  it('refuses an image sent with a declared type other than its own, and accepts the right one however written', async () => {
    const png = await solid(10, 10).png().toBuffer();
    const mismatch = 'unsupported_media_type error.detail.image_type_mismatch';
    expect(await refusal(preparePhoto(png, 'image/jpeg'))).toBe(mismatch);
    expect(await refusal(preparePhoto(png, 'text/html'))).toBe(mismatch);
    expect(await refusal(preparePhoto(png, 'application/octet-stream'))).toBe(mismatch);
    expect(await refusal(preparePhoto(png, 'Image/PNG; name="x.png"'))).toBe('accepted');
    expect(await refusal(preparePhoto(await solid(10, 10).jpeg().toBuffer(), 'image/jpg'))).toBe('accepted');
  });

  it('refuses a cut-short or corrupted image as damaged', async () => {
    const damaged = 'unsupported_media_type error.detail.image_damaged_decoded';
    const jpeg = await solid(200, 200).jpeg().toBuffer();
    expect(await refusal(preparePhoto(jpeg.subarray(0, jpeg.length >> 1)))).toBe(damaged);
    const png = Buffer.from(await solid(200, 200).png().toBuffer());
    const idat = png.indexOf('IDAT');
    for (let i = idat + 8; i < idat + 20; i++) png[i] = (png[i] ?? 0) ^ 0x5a;
    expect(await refusal(preparePhoto(png))).toBe(damaged);
    expect(await refusal(preparePhoto(await pngDeclaring(0, 10)))).toBe(damaged);
  });
});
