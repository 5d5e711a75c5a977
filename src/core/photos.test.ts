import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';
import { imageDimensions, isImagePadding, isPhotoKey, photoKey, photoSizes, sniffImageType, trailingBytesAfterImage } from './photos.ts';

const bytes = (...parts: (number[] | Uint8Array | string)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : [...p])));

const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [...be16(Math.floor(n / 0x10000)), ...be16(n & 0xffff)];
const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(Math.floor(n / 0x10000))];

/** A JPEG marker segment: FF, marker, two-byte length (which counts itself), payload. */
const segment = (marker: number, payload: number[] | Uint8Array) => bytes([0xff, marker], be16(payload.length + 2), payload);

const sof0 = (width: number, height: number) => segment(0xc0, [8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
const sos = segment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]);

/** The structure of a baseline JPEG (the walker reads segments, it never decodes), with chosen extra segments and scan data. */
function jpeg(opts: { before?: Uint8Array[]; width?: number; height?: number; scans?: number[][] } = {}): Uint8Array {
  const scans = opts.scans ?? [[0x12, 0x34, 0x56]];
  return bytes(
    [0xff, 0xd8],
    ...(opts.before ?? []),
    sof0(opts.width ?? 640, opts.height ?? 480),
    ...scans.flatMap((data) => [sos, data]),
    [0xff, 0xd9],
  );
}

const zip = bytes('PK', [3, 4], new Array<number>(26).fill(0), 'PK', [5, 6], new Array<number>(18).fill(0));
const html = bytes('<html><script>alert(document.cookie)</script></html>');

const chunk = (type: string, data: number[]) => bytes(be32(data.length), type, data, [0, 0, 0, 0]);
const png = (width: number, height: number, first = 'IHDR') =>
  bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], chunk(first, [...be32(width), ...be32(height), 8, 2, 0, 0, 0]), chunk('IDAT', [1, 2, 3]), chunk('IEND', []));

const riffChunk = (type: string, data: number[]) => bytes(type, le32(data.length), data, data.length % 2 ? [0] : []);
const webp = (...chunks: Uint8Array[]) => {
  const body = bytes('WEBP', ...chunks);
  return bytes('RIFF', le32(body.length), body);
};
const vp8l = (width: number, height: number) => {
  const bits = (width - 1) | ((height - 1) << 14);
  return riffChunk('VP8L', [0x2f, ...le32(bits), 0, 0]);
};

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP by their magic bytes only', () => {
    expect(sniffImageType(jpeg())).toBe('jpeg');
    expect(sniffImageType(png(1, 1))).toBe('png');
    expect(sniffImageType(webp(vp8l(1, 1)))).toBe('webp');
  });

  it('rejects everything else, whatever it claims to be', () => {
    expect(sniffImageType(new Uint8Array(0))).toBeNull();
    expect(sniffImageType(bytes('GIF89a', [1, 0, 1, 0]))).toBeNull();
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(bytes('RIFF', le32(4), 'WAVE'))).toBeNull();
    expect(sniffImageType(bytes([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(zip)).toBeNull();
  });
});

describe('JPEG structure', () => {
  it('reads the frame size and finds the end of a plain JPEG', () => {
    const image = jpeg({ width: 1234, height: 567 });
    expect(imageDimensions(image, 'jpeg')).toEqual({ width: 1234, height: 567 });
    expect(trailingBytesAfterImage(image, 'jpeg')).toBe(0);
  });

  it('skips an EXIF thumbnail, which holds its own FFD8…FFD9, instead of stopping at its EOI', () => {
    const thumbnail = jpeg({ width: 16, height: 12 });
    const exif = segment(0xe1, bytes('Exif', [0, 0], thumbnail));
    const image = jpeg({ before: [exif], width: 4000, height: 3000 });
    expect(imageDimensions(image, 'jpeg')).toEqual({ width: 4000, height: 3000 });
    expect(trailingBytesAfterImage(image, 'jpeg')).toBe(0);
    // The thumbnail's EOI comes first in the file; data after the real EOI is still counted.
    expect(trailingBytesAfterImage(bytes(image, zip), 'jpeg')).toBe(zip.length);
  });

  it('scans entropy-coded data past stuffed bytes, restart markers and fill bytes, and across progressive scans', () => {
    const scan = [0x11, 0xff, 0x00, 0x22, 0xff, 0xd0, 0x33, 0xff, 0xd7, 0x44, 0xff, 0x00];
    const image = jpeg({ scans: [scan, [0x55, 0xff, 0xff]] });
    expect(trailingBytesAfterImage(image, 'jpeg')).toBe(0);
    expect(trailingBytesAfterImage(bytes(image, html), 'jpeg')).toBe(html.length);
  });

  it('has no end to measure from when the file is cut short or its segments are broken', () => {
    const image = jpeg();
    expect(trailingBytesAfterImage(image.subarray(0, image.length - 2), 'jpeg')).toBeNull();
    expect(trailingBytesAfterImage(image.subarray(0, 10), 'jpeg')).toBeNull();
    const badLength = bytes([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xf0], new Array<number>(10).fill(0));
    expect(trailingBytesAfterImage(badLength, 'jpeg')).toBeNull();
    const noMarker = bytes([0xff, 0xd8, 0x12, 0x34]);
    expect(trailingBytesAfterImage(noMarker, 'jpeg')).toBeNull();
    expect(imageDimensions(bytes([0xff, 0xd8], sos, [1, 2], [0xff, 0xd9]), 'jpeg')).toBeNull();
  });

  it('counts whole JPEGs after the main one as part of it only when a Multi-Picture Format index declares them', () => {
    const mpf = segment(0xe2, bytes('MPF', [0], 'MM', [0, 0x2a]));
    const gainMap = jpeg({ width: 320, height: 240 });
    const withIndex = bytes(jpeg({ before: [mpf] }), gainMap);
    expect(trailingBytesAfterImage(withIndex, 'jpeg')).toBe(0);
    expect(imageDimensions(withIndex, 'jpeg')).toEqual({ width: 640, height: 480 });
    expect(trailingBytesAfterImage(bytes(withIndex, zip), 'jpeg')).toBe(zip.length);
    expect(trailingBytesAfterImage(bytes(jpeg(), gainMap), 'jpeg')).toBe(gainMap.length);
  });
});

describe('PNG structure', () => {
  it('reads IHDR and ends after IEND', () => {
    const image = png(30000, 20000);
    expect(imageDimensions(image, 'png')).toEqual({ width: 30000, height: 20000 });
    expect(trailingBytesAfterImage(image, 'png')).toBe(0);
    expect(trailingBytesAfterImage(bytes(image, html), 'png')).toBe(html.length);
  });

  it('refuses a PNG whose first chunk is not IHDR, or that is cut before IEND', () => {
    expect(imageDimensions(png(10, 10, 'tEXt'), 'png')).toBeNull();
    const image = png(10, 10);
    expect(trailingBytesAfterImage(image.subarray(0, image.length - 6), 'png')).toBeNull();
    expect(imageDimensions(png(0, 10), 'png')).toBeNull();
  });
});

describe('WebP structure', () => {
  it('reads the size of lossless, lossy and extended files and ends at the RIFF length', () => {
    expect(imageDimensions(webp(vp8l(300, 200)), 'webp')).toEqual({ width: 300, height: 200 });
    const lossy = riffChunk('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(640), ...le16(480), 7]);
    expect(imageDimensions(webp(lossy), 'webp')).toEqual({ width: 640, height: 480 });
    const extended = riffChunk('VP8X', [0, 0, 0, 0, ...le32(29999).slice(0, 3), ...le32(19999).slice(0, 3)]);
    expect(imageDimensions(webp(extended, vp8l(30000, 20000)), 'webp')).toEqual({ width: 30000, height: 20000 });
    const image = webp(vp8l(3, 3));
    expect(trailingBytesAfterImage(image, 'webp')).toBe(0);
    expect(trailingBytesAfterImage(bytes(image, zip), 'webp')).toBe(zip.length);
  });

  it('refuses a RIFF length past the end of the file, or data inside it that is not a chunk', () => {
    const image = webp(vp8l(3, 3));
    expect(trailingBytesAfterImage(image.subarray(0, image.length - 1), 'webp')).toBeNull();
    const body = bytes('WEBP', vp8l(3, 3), [1, 2, 3]);
    expect(trailingBytesAfterImage(bytes('RIFF', le32(body.length), body), 'webp')).toBeNull();
  });
});

describe('padding and keys', () => {
  it('tolerates a few zero or 0xFF bytes after an image, nothing else', () => {
    expect(isImagePadding(new Uint8Array(0))).toBe(true);
    expect(isImagePadding(Uint8Array.from([0, 0, 0xff, 0]))).toBe(true);
    expect(isImagePadding(new Uint8Array(17))).toBe(false);
    expect(isImagePadding(Uint8Array.from([0, 0x50, 0]))).toBe(false);
  });

  it('accepts only file-name-safe keys, which every photo size key is', () => {
    for (const size of Object.keys(photoSizes) as (keyof typeof photoSizes)[]) expect(isPhotoKey(photoKey(newId(), size))).toBe(true);
    for (const bad of ['../../etc/passwd', 'ab', 'ABCDEFGHIJ', 'abcdefgh/ij', 'abcdefgh.jpg', 'abcdefgh\n', 'x'.repeat(81), ''])
      expect(isPhotoKey(bad), bad).toBe(false);
  });
});
