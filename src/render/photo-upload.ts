/** Turns an uploaded photo into the clean JPEGs kept of it: checked from its bytes before decoding, then re-encoded upright, in every derived size, without metadata. */
import sharp from 'sharp';
import { AppError } from '../core/errors.ts';
import {
  imageDimensions,
  isImagePadding,
  photoSizes,
  sniffImageType,
  trailingBytesAfterImage,
  type ImageType,
  type PhotoSize,
  type PreparedPhoto,
} from '../core/photos.ts';
import { JPEG_QUALITY, MAX_UPLOAD_BYTES, MAX_UPLOAD_SIDE } from './portrait.ts';

/** Content types a client may declare for each accepted type; `image/jpg` and `image/pjpeg` are sent by older software. */
const declaredTypes: Record<string, ImageType> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/** A decode that takes longer than this is treated as hostile: honest photos of at most 36 megapixels decode in well under a second. */
const DECODE_TIMEOUT_SECONDS = 20;

const damaged = (): AppError => new AppError('unsupported_media_type', 'error.detail.image_damaged_decoded');

/** The media type of a multipart part without its parameters, lower-cased; empty when none was sent. */
const mediaType = (declared: string): string => (declared.split(';', 1)[0] ?? '').trim().toLowerCase();

/** Every check that needs only the bytes: size, type, the header's dimensions and the image's end, in that order. */
function checkUpload(input: Uint8Array, declaredType: string | undefined): ImageType {
  if (input.byteLength > MAX_UPLOAD_BYTES)
    throw new AppError('payload_too_large', 'error.detail.image_too_many_bytes', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
  const type = sniffImageType(input);
  if (!type) throw new AppError('unsupported_media_type', 'error.detail.only_jpeg_png_webp_images');
  const declared = declaredType === undefined ? '' : mediaType(declaredType);
  if (declared !== '' && declaredTypes[declared] !== type)
    throw new AppError('unsupported_media_type', 'error.detail.image_type_mismatch');
  // The header is read before decoding, so a small file declaring a huge canvas (a decompression bomb) costs nothing.
  const size = imageDimensions(input, type);
  if (!size) throw damaged();
  if (size.width > MAX_UPLOAD_SIDE || size.height > MAX_UPLOAD_SIDE)
    throw new AppError('payload_too_large', 'error.detail.image_too_many_pixels', { side: MAX_UPLOAD_SIDE });
  const trailing = trailingBytesAfterImage(input, type);
  if (trailing === null) throw damaged();
  if (!isImagePadding(input.subarray(input.byteLength - trailing)))
    throw new AppError('unsupported_media_type', 'error.detail.image_trailing_data');
  return type;
}

/** sharp over the upload, with its own pixel limit as a second guard behind the header check. */
const decode = (input: Uint8Array) =>
  sharp(input, { limitInputPixels: MAX_UPLOAD_SIDE * MAX_UPLOAD_SIDE, failOn: 'error' }).timeout({ seconds: DECODE_TIMEOUT_SECONDS });

const fitInside = (side: number) => ({ width: side, height: side, fit: 'inside' as const, withoutEnlargement: true });

/**
 * Checks an uploaded photo (JPEG, PNG or WebP sniffed from its bytes and agreeing with the declared type, at most
 * 10 MB and 6000 px a side, nothing appended after the image) and re-encodes it as upright JPEGs in every size of
 * `photoSizes`. sharp writes no metadata unless asked to, so EXIF (location included), ICC and XMP are all dropped.
 */
export async function preparePhoto(input: Uint8Array, declaredType?: string): Promise<PreparedPhoto> {
  const type = checkUpload(input, declaredType);
  try {
    const meta = await decode(input).metadata();
    if (meta.format !== type) throw damaged();
    // Decoded once, turned upright and flattened on white at the largest size; every size is cut from these pixels.
    const largest = Math.max(...Object.values(photoSizes));
    const { data, info } = await decode(input)
      .rotate()
      .resize(fitInside(largest))
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const raw = { width: info.width, height: info.height, channels: info.channels };
    const entries = await Promise.all(
      (Object.entries(photoSizes) as [PhotoSize, number][]).map(async ([size, side]) => {
        const out = await sharp(data, { raw })
          .resize(fitInside(side))
          .jpeg({ quality: JPEG_QUALITY })
          .toBuffer({ resolveWithObject: true });
        return [size, { width: out.info.width, height: out.info.height, data: out.data }] as const;
      }),
    );
    const sizes = Object.fromEntries(entries) as PreparedPhoto['sizes'];
    return { contentType: 'image/jpeg', width: meta.autoOrient.width, height: meta.autoOrient.height, sizes };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw damaged();
  }
}
