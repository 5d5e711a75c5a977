/** Deterministic, non-photographic portrait placeholders for demo notices, and safe re-encoding of uploaded images. */
import sharp from 'sharp';
import { AppError } from '../core/errors.ts';
import type { Sex } from '../core/notices.ts';
import type { HairColor } from '../core/physical.ts';

export const PORTRAIT_WIDTH = 300;
export const PORTRAIT_HEIGHT = 400;

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_UPLOAD_SIDE = 6000;
export const MAX_OUTPUT_SIDE = 1200;
export const JPEG_QUALITY = 82;

export type EncodedImage = { contentType: 'image/jpeg'; width: number; height: number; data: Buffer };

/** FNV-1a over the seed text, then a xorshift step per draw: enough to vary shapes, not for anything secret. */
function seededDraws(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let state = h || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

// Marking text drawn as strokes on a 4×6 grid, so it renders the same on a machine without any font installed.
const glyphs: Record<string, number[][][]> = {
  A: [[[0, 6], [2, 0], [4, 6]], [[0.8, 3.6], [3.2, 3.6]]],
  C: [[[4, 0], [0, 0], [0, 6], [4, 6]]],
  D: [[[0, 0], [0, 6], [3, 6], [4, 5], [4, 1], [3, 0], [0, 0]]],
  E: [[[4, 0], [0, 0], [0, 6], [4, 6]], [[0, 3], [3, 3]]],
  F: [[[0, 6], [0, 0], [4, 0]], [[0, 3], [3, 3]]],
  I: [[[2, 0], [2, 6]], [[1, 0], [3, 0]], [[1, 6], [3, 6]]],
  L: [[[0, 0], [0, 6], [4, 6]]],
  M: [[[0, 6], [0, 0], [2, 3], [4, 0], [4, 6]]],
  N: [[[0, 6], [0, 0], [4, 6], [4, 0]]],
  O: [[[0, 0], [4, 0], [4, 6], [0, 6], [0, 0]]],
  T: [[[0, 0], [4, 0]], [[2, 0], [2, 6]]],
  '/': [[[0, 6], [4, 0]]],
  ' ': [],
};

/** SVG path data for upper-case text in the stroke font, starting at (x, y) with glyphs `size` pixels high. */
function strokeText(text: string, x: number, y: number, size: number): string {
  const unit = size / 6;
  const parts: string[] = [];
  [...text].forEach((ch, i) => {
    const strokes = glyphs[ch];
    if (!strokes) throw new Error(`no glyph for ${ch}`);
    const ox = x + i * 6 * unit;
    for (const line of strokes) {
      parts.push(
        line.map(([gx = 0, gy = 0], j) => `${j === 0 ? 'M' : 'L'}${(ox + gx * unit).toFixed(1)} ${(y + gy * unit).toFixed(1)}`).join(''),
      );
    }
  });
  return parts.join('');
}

const textWidth = (text: string, size: number): number => ((text.length * 6 - 2) * size) / 6;

/** What of the record the silhouette follows, so a placeholder never contradicts the facts printed beside it. */
export type PortraitLook = { sex: Sex; hairColors: readonly HairColor[] };

const anyLook: PortraitLook = { sex: 'U', hairColors: [] };

const SHORT = 0;
const LONG = 1;
const BUN = 2;
const PARTING = 3;
const NONE = 4;
const hairNames = ['short', 'long', 'bun', 'parting', 'none'] as const;

/** Styles drawn for each sex: men are not drawn with long hair or a bun; unknown sex keeps every style. */
const stylesFor: Record<Sex, readonly number[]> = {
  M: [SHORT, PARTING, SHORT, PARTING, NONE],
  F: [LONG, BUN, PARTING, LONG, SHORT],
  U: [SHORT, LONG, BUN, PARTING, NONE],
};

/** Hair colour as HSL hue, saturation and lightness ranges: blond is drawn light, black dark. */
const hairTones: Record<Exclude<HairColor, 'BAL'>, { h: number; s: number; l: [number, number] }> = {
  BLA: { h: 30, s: 8, l: [10, 18] },
  BRO: { h: 25, s: 45, l: [24, 34] },
  BLN: { h: 45, s: 70, l: [66, 76] },
  RED: { h: 14, s: 68, l: [38, 46] },
  GRY: { h: 0, s: 0, l: [58, 68] },
  WHI: { h: 40, s: 10, l: [90, 95] },
};

/** The fill of the hair: the record's first colour, or a neutral dark shade varied by seed when none is given. */
function hairFill(colours: readonly HairColor[], shade: number): string {
  const first = colours.find((c) => c !== 'BAL');
  if (!first) return `hsl(0 0% ${20 + Math.floor(shade * 50)}%)`;
  const tone = hairTones[first];
  const [lo, hi] = tone.l;
  return `hsl(${tone.h} ${tone.s}% ${lo + Math.floor(shade * (hi - lo))}%)`;
}

function hairPath(style: number, cx: number, cy: number, rx: number, ry: number): string {
  const top = cy - ry;
  switch (style) {
    case SHORT:
      return `M${cx - rx - 2} ${cy - 4}Q${cx - rx} ${top - 10} ${cx} ${top - 8}Q${cx + rx} ${top - 10} ${cx + rx + 2} ${cy - 4}Q${cx} ${top + 12} ${cx - rx - 2} ${cy - 4}Z`;
    case LONG: // falling behind the shoulders
      return `M${cx - rx - 8} ${cy + ry + 30}Q${cx - rx - 14} ${top - 6} ${cx} ${top - 10}Q${cx + rx + 14} ${top - 6} ${cx + rx + 8} ${cy + ry + 30}Z`;
    case BUN:
      return `M${cx - rx} ${cy - 6}Q${cx} ${top - 14} ${cx + rx} ${cy - 6}Q${cx} ${top + 8} ${cx - rx} ${cy - 6}ZM${cx - 16} ${top - 4}a16 14 0 1 1 32 0a16 14 0 1 1 -32 0Z`;
    case PARTING:
      return `M${cx - rx - 3} ${cy + 6}Q${cx - rx - 6} ${top - 8} ${cx + 10} ${top - 8}Q${cx + rx + 6} ${top} ${cx + rx + 2} ${cy}Q${cx + 6} ${top + 6} ${cx - rx + 6} ${cy - 8}Z`;
    default: // NONE: shaved or bald
      return '';
  }
}

/**
 * The SVG of a head-and-shoulders silhouette, clearly marked as fictional demo material: the seed varies the shapes,
 * the look fixes what the record states (sex, hair colour, bald). The same seed and look always give the same image.
 */
export function portraitSvg(seed: string, look: PortraitLook = anyLook, width = PORTRAIT_WIDTH, height = PORTRAIT_HEIGHT): string {
  const draw = seededDraws(seed);
  const hue = Math.floor(draw() * 360);
  const styleDraw = draw();
  const shoulder = (look.sex === 'F' ? 0.32 : 0.36) + draw() * 0.14; // half-width of the shoulders, as a share of the image width
  const headRx = width * (0.15 + draw() * 0.04);
  const headRy = headRx * (1.22 + draw() * 0.12);
  const shadeDraw = draw();
  const styles = stylesFor[look.sex];
  const bald = look.hairColors.length > 0 && look.hairColors.every((c) => c === 'BAL');
  const hairStyle = bald ? NONE : (styles[Math.floor(styleDraw * styles.length)] ?? NONE);
  const fill = hairFill(look.hairColors, shadeDraw);
  const cx = width / 2;
  const cy = height * 0.38;
  const neckTop = cy + headRy * 0.8;
  const shoulderY = height * 0.72;
  const sw = width * shoulder;
  const body = `M${cx - sw} ${height}L${cx - sw} ${shoulderY + 30}Q${cx - sw} ${shoulderY} ${cx - sw + 40} ${shoulderY - 6}L${cx - 22} ${neckTop + 26}L${cx - 20} ${neckTop}L${cx + 20} ${neckTop}L${cx + 22} ${neckTop + 26}L${cx + sw - 40} ${shoulderY - 6}Q${cx + sw} ${shoulderY} ${cx + sw} ${shoulderY + 30}L${cx + sw} ${height}Z`;
  const hair = hairPath(hairStyle, cx, cy, headRx, headRy);
  // A thin dark edge keeps light (blond, white) hair visible against the pale background.
  const hairEl = `<path class="hair hair-${hairNames[hairStyle] ?? 'none'}" d="${hair}" fill="${fill}" stroke="hsl(0 0% 30%)" stroke-width="1.5"/>`;
  const label = 'FICTIONAL / DEMO';
  const size = Math.min(18, (width - 24) / ((label.length * 6 - 2) / 6));
  const bandH = size + 16;
  const labelX = (width - textWidth(label, size)) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<rect width="${width}" height="${height}" fill="hsl(${hue} 35% 86%)"/>
<path d="M0 ${height * 0.1}L${width * 0.1} 0M0 ${height * 0.3}L${width * 0.3} 0M${width * 0.7} ${height}L${width} ${height * 0.7}" stroke="hsl(${hue} 30% 78%)" stroke-width="10"/>
${hairStyle === LONG && hair ? hairEl : ''}
<path d="${body}" fill="hsl(${hue} 10% 42%)"/>
<ellipse cx="${cx}" cy="${cy}" rx="${headRx.toFixed(1)}" ry="${headRy.toFixed(1)}" fill="hsl(${hue} 8% 55%)"/>
${hairStyle !== LONG && hair ? hairEl : ''}
<rect y="${height - bandH}" width="${width}" height="${bandH}" fill="#8a1111"/>
<path d="${strokeText(label, labelX, height - bandH + 8, size)}" fill="none" stroke="#ffffff" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>
<path d="${strokeText('DEMO', 10, 10, 12)}" fill="none" stroke="#8a1111" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;
}

/** Renders the placeholder portrait for a seed and look as a JPEG. */
export async function renderPortraitJpeg(seed: string, look: PortraitLook = anyLook, width = PORTRAIT_WIDTH, height = PORTRAIT_HEIGHT): Promise<EncodedImage> {
  const data = await sharp(Buffer.from(portraitSvg(seed, look, width, height)))
    .jpeg({ quality: JPEG_QUALITY })
    .toBuffer();
  return { contentType: 'image/jpeg', width, height, data };
}

const acceptedFormats = new Set(['jpeg', 'png', 'webp']);

/**
 * Checks an uploaded image (JPEG, PNG or WebP, at most 10 MB and 6000 px a side) and re-encodes it as a JPEG of at
 * most 1200 px a side, turned upright, with every metadata block (EXIF, GPS, ICC, XMP) dropped.
 */
export async function reencodeImage(input: Uint8Array): Promise<EncodedImage> {
  if (input.byteLength > MAX_UPLOAD_BYTES)
    throw new AppError('payload_too_large', 'error.detail.image_too_many_bytes', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
  let format: string | undefined;
  let width = 0;
  let height = 0;
  try {
    const meta = await sharp(input).metadata();
    format = meta.format;
    width = meta.width ?? 0;
    height = meta.height ?? 0;
  } catch {
    throw new AppError('unsupported_media_type', 'error.detail.file_not_image');
  }
  if (!format || !acceptedFormats.has(format))
    throw new AppError('unsupported_media_type', 'error.detail.only_jpeg_png_webp_images');
  if (width > MAX_UPLOAD_SIDE || height > MAX_UPLOAD_SIDE)
    throw new AppError('payload_too_large', 'error.detail.image_too_many_pixels', { side: MAX_UPLOAD_SIDE });
  try {
    // sharp writes no metadata unless asked to (keepMetadata/withMetadata), so the output carries none.
    const { data, info } = await sharp(input, { limitInputPixels: MAX_UPLOAD_SIDE * MAX_UPLOAD_SIDE, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_OUTPUT_SIDE, height: MAX_OUTPUT_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: JPEG_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { contentType: 'image/jpeg', width: info.width, height: info.height, data };
  } catch {
    throw new AppError('unsupported_media_type', 'error.detail.image_damaged_decoded');
  }
}
