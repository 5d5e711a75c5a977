/** Photos of notice requests as domain data: the store they live in, their derived sizes, and byte-level checks of uploads (type, dimensions, trailing data) made before any decoding. */

/** Where photo bytes live: files under DATA_DIR on one instance, the database when instances share them. */
export interface PhotoStore {
  /** Stores or replaces the bytes under `key`. */
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ data: Uint8Array; contentType: string } | undefined>;
  /** Removes the keys that exist; missing keys are not an error, so a retried clean-up succeeds. */
  delete(keys: readonly string[]): Promise<void>;
}

/** The sizes kept of every photo, by the length of the longest side in pixels; an upload is never enlarged. */
export const photoSizes = { large: 1200, medium: 600, thumb: 200 } as const;

export type PhotoSize = keyof typeof photoSizes;

/** An accepted upload, re-encoded: `width` and `height` are those of the upright original, each size is a clean JPEG. */
export type PreparedPhoto = {
  contentType: 'image/jpeg';
  width: number;
  height: number;
  sizes: Record<PhotoSize, { width: number; height: number; data: Buffer }>;
};

/** Keys are confined to a file-name-safe alphabet, so no key can name a path outside the store. */
const photoKeyPattern = /^[0-9a-z_-]{8,80}$/;

export const isPhotoKey = (key: string): boolean => photoKeyPattern.test(key);

/** The store key of one size of a photo (`newId()` ids fit the key alphabet). */
export const photoKey = (photoId: string, size: PhotoSize): string => `${photoId}-${size}`;

export type ImageType = 'jpeg' | 'png' | 'webp';

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, at: number, expected: readonly number[]): boolean =>
  expected.every((b, i) => bytes[at + i] === b);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

const u16be = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32be = (b: Uint8Array, at: number): number => u16be(b, at) * 0x10000 + u16be(b, at + 2);
const u16le = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number): number => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32le = (b: Uint8Array, at: number): number => u16le(b, at) + u16le(b, at + 2) * 0x10000;

/** The image type from the file's magic bytes; the declared content type and the file name are never trusted. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, 0, pngSignature)) return 'png';
  if (bytes.length >= 12 && startsWith(bytes, 0, ascii('RIFF')) && startsWith(bytes, 8, ascii('WEBP'))) return 'webp';
  return null;
}

type Walked = { end: number; width: number; height: number };

// SOFn markers carry the frame size; C4 (DHT), C8 (JPG extension) and CC (DAC) share the range but are not frames.
const isStartOfFrame = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

const mpfIdentifier = [...ascii('MPF'), 0];

/**
 * Walks one JPEG from its SOI at `start` segment by segment to its EOI: segment lengths are followed, so an EXIF
 * thumbnail (a whole FFD8…FFD9 inside APP1) is skipped, and entropy-coded data after each SOS is scanned for the next
 * marker (FF00 is a stuffed byte, FFD0–FFD7 restart markers). Null when the structure breaks or ends early.
 */
function walkJpeg(b: Uint8Array, start: number): (Walked & { multiPicture: boolean }) | null {
  if (b[start] !== 0xff || b[start + 1] !== 0xd8) return null;
  let i = start + 2;
  let width = 0;
  let height = 0;
  let multiPicture = false;
  for (;;) {
    if (b[i] !== 0xff) return null;
    while (b[i] === 0xff) i++; // fill bytes may precede any marker
    if (i >= b.length) return null;
    const marker = b[i++] ?? 0;
    if (marker === 0xd9) return { end: i, width, height, multiPicture };
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0x00 || marker === 0xd8) return null;
    if (i + 2 > b.length) return null;
    const length = u16be(b, i);
    const segmentEnd = i + length;
    if (length < 2 || segmentEnd > b.length) return null;
    if (isStartOfFrame(marker) && width === 0) {
      if (length < 8) return null;
      height = u16be(b, i + 3);
      width = u16be(b, i + 5);
    }
    if (marker === 0xe2 && length >= 6 && startsWith(b, i + 2, mpfIdentifier)) multiPicture = true;
    i = segmentEnd;
    if (marker === 0xda) {
      for (;;) {
        const ff = b.indexOf(0xff, i);
        if (ff < 0 || ff + 1 >= b.length) return null;
        const next = b[ff + 1] ?? 0;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i = ff + 2;
        else if (next === 0xff) i = ff + 1;
        else {
          i = ff;
          break;
        }
      }
    }
  }
}

/**
 * Walks the main JPEG and, when it declares a Multi-Picture Format index (phones append HDR gain maps and depth maps
 * this way), the further whole JPEGs that follow it: those are part of the photo, not something smuggled after it.
 */
function walkJpegFile(b: Uint8Array): Walked | null {
  const main = walkJpeg(b, 0);
  if (!main) return null;
  let end = main.end;
  if (main.multiPicture) {
    for (let next = walkJpeg(b, end); next; next = walkJpeg(b, end)) end = next.end;
  }
  return { end, width: main.width, height: main.height };
}

/** Walks PNG chunks from the signature to the end of IEND; the first chunk must be IHDR, which holds the size. */
function walkPng(b: Uint8Array): Walked | null {
  if (!startsWith(b, 0, pngSignature) || u32be(b, 8) !== 13 || !startsWith(b, 12, ascii('IHDR'))) return null;
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  let i = 8;
  for (;;) {
    if (i + 12 > b.length) return null;
    const length = u32be(b, i);
    if (length > 0x7fffffff) return null;
    const end = i + 12 + length;
    if (end > b.length) return null;
    if (startsWith(b, i + 4, ascii('IEND'))) return { end, width, height };
    i = end;
  }
}

/** The canvas size from the first chunk: VP8X (extended), `VP8 ` (lossy) or VP8L (lossless); zero when unreadable. */
function webpSize(b: Uint8Array): { width: number; height: number } {
  if (startsWith(b, 12, ascii('VP8X')) && b.length >= 30) return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  if (startsWith(b, 12, ascii('VP8 ')) && b.length >= 30 && startsWith(b, 23, [0x9d, 0x01, 0x2a]))
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (startsWith(b, 12, ascii('VP8L')) && b.length >= 25 && b[20] === 0x2f) {
    const bits = u32le(b, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return { width: 0, height: 0 };
}

/**
 * A WebP ends where its RIFF header says (8 + the RIFF size); the chunks inside must fill it exactly, each padded to
 * an even length, so nothing hides between the last chunk and the declared end either.
 */
function walkWebp(b: Uint8Array): Walked | null {
  if (sniffImageType(b) !== 'webp') return null;
  const end = 8 + u32le(b, 4);
  if (end > b.length) return null;
  let i = 12;
  while (i < end) {
    if (i + 8 > end) return null;
    const length = u32le(b, i + 4);
    i += 8 + length + (length % 2);
  }
  if (i !== end) return null;
  return { end, ...webpSize(b) };
}

const walkers: Record<ImageType, (b: Uint8Array) => Walked | null> = { jpeg: walkJpegFile, png: walkPng, webp: walkWebp };

/** The stored width and height from the image's header (before any EXIF rotation); null when there is none to read. */
export function imageDimensions(bytes: Uint8Array, type: ImageType): { width: number; height: number } | null {
  const walked = walkers[type](bytes);
  return walked && walked.width > 0 && walked.height > 0 ? { width: walked.width, height: walked.height } : null;
}

/**
 * How many bytes follow the end of the image (JPEG EOI of the main image and its declared multi-picture parts, PNG
 * IEND, WebP RIFF length): an appended ZIP, HTML page or script makes a polyglot. Null when the image's own
 * structure is broken or cut short, so there is no end to measure from.
 */
export function trailingBytesAfterImage(bytes: Uint8Array, type: ImageType): number | null {
  const walked = walkers[type](bytes);
  return walked ? bytes.length - walked.end : null;
}

/** At most this many bytes of padding may follow an image: some encoders and transfer tools leave a few. */
const MAX_IMAGE_PADDING = 16;

/** Whether the bytes after an image are harmless padding (a few zero or 0xFF bytes) rather than appended content. */
export function isImagePadding(tail: Uint8Array): boolean {
  return tail.length <= MAX_IMAGE_PADDING && tail.every((b) => b === 0x00 || b === 0xff);
}
