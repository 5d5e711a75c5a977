import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.ts';
import { MAX_UPLOAD_BYTES, portraitSvg, reencodeImage, renderPortraitJpeg } from './portrait.ts';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('portrait placeholder', () => {
  it('is deterministic per seed and varies between seeds', () => {
    expect(portraitSvg('demo-1')).toBe(portraitSvg('demo-1'));
    const variants = new Set(Array.from({ length: 20 }, (_, i) => portraitSvg(`demo-${i}`)));
    expect(variants.size).toBe(20);
  });

  it('carries the fictional marking and renders to a 300×400 JPEG', async () => {
    expect(portraitSvg('x')).toContain('stroke="#ffffff"');
    const image = await renderPortraitJpeg('demo-7');
    expect(image.contentType).toBe('image/jpeg');
    const meta = await sharp(image.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 300, 400]);
    // The red band with the marking is drawn across the bottom.
    const { data } = await sharp(image.data).extract({ left: 0, top: 390, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(110);
    expect(data[1]).toBeLessThan(50);
    expect((await renderPortraitJpeg('demo-7')).data.equals(image.data)).toBe(true);
  });
});

describe('reencodeImage', () => {
  it('strips EXIF metadata and turns the image upright', async () => {
    const withExif = await solid(40, 20)
      .withExif({ IFD0: { Copyright: 'secret camera owner', Artist: 'someone' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const before = await sharp(withExif).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);

    const out = await reencodeImage(withExif);
    const after = await sharp(out.data).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(out.data.includes('secret camera owner')).toBe(false);
    expect([out.width, out.height]).toEqual([20, 40]);
    expect([after.width, after.height]).toEqual([20, 40]);
  });

  it('accepts PNG and WebP, flattens transparency and shrinks to 1200 px on the long side', async () => {
    const png = await sharp({ create: { width: 2400, height: 1600, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const out = await reencodeImage(png);
    expect([out.width, out.height]).toEqual([1200, 800]);
    const meta = await sharp(out.data).metadata();
    expect(meta.format).toBe('jpeg');
    const { data } = await sharp(out.data).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);

    const webp = await solid(30, 30).webp().toBuffer();
    expect((await reencodeImage(webp)).width).toBe(30);
  });

  it('refuses a non-image and formats other than JPEG, PNG and WebP', async () => {
    expect(await codeOf(reencodeImage(new TextEncoder().encode('<html>not an image</html>')))).toBe('unsupported_media_type');
    expect(await codeOf(reencodeImage(new Uint8Array(0)))).toBe('unsupported_media_type');
    const gif = await solid(10, 10).gif().toBuffer();
    expect(await codeOf(reencodeImage(gif))).toBe('unsupported_media_type');
    const truncated = (await solid(200, 200).jpeg().toBuffer()).subarray(0, 300);
    expect(await codeOf(reencodeImage(truncated))).toBe('unsupported_media_type');
  });

  it('refuses files over 10 MB and images over 6000 px a side', async () => {
    expect(await codeOf(reencodeImage(new Uint8Array(MAX_UPLOAD_BYTES + 1)))).toBe('payload_too_large');
    const wide = await solid(6001, 10).png().toBuffer();
    expect(await codeOf(reencodeImage(wide))).toBe('payload_too_large');
  });
});

describe('portrait placeholder follows the record', () => {
  const seeds = Array.from({ length: 60 }, (_, i) => `demo-2026-${i}`);
  const hairOf = (svg: string): { style: string; lightness: number } | null => {
    const m = /class="hair hair-([a-z]+)" d="[^"]*" fill="hsl\([\d.]+ [\d.]+% ([\d.]+)%\)"/.exec(svg);
    return m ? { style: m[1]!, lightness: Number(m[2]) } : null;
  };

  it('never draws a man with long hair or a bun, and draws women with long hair too', () => {
    const men = seeds.map((s) => hairOf(portraitSvg(s, { sex: 'M', hairColors: ['BRO'] }))?.style ?? 'none');
    expect(men.filter((style) => style === 'long' || style === 'bun')).toEqual([]);
    expect(new Set(men).size).toBeGreaterThan(1);
    const women = seeds.map((s) => hairOf(portraitSvg(s, { sex: 'F', hairColors: ['BRO'] }))?.style ?? 'none');
    expect(women).toContain('long');
  });

  it('draws blond light and black dark, whatever the seed', () => {
    for (const seed of seeds) {
      const blond = hairOf(portraitSvg(seed, { sex: 'F', hairColors: ['BLN'] }));
      const black = hairOf(portraitSvg(seed, { sex: 'F', hairColors: ['BLA'] }));
      expect(blond!.lightness, seed).toBeGreaterThanOrEqual(60);
      expect(black!.lightness, seed).toBeLessThanOrEqual(20);
    }
  });

  it('draws no hair for a bald record', () => {
    for (const seed of seeds) expect(hairOf(portraitSvg(seed, { sex: 'M', hairColors: ['BAL'] })), seed).toBeNull();
  });

  it('is deterministic for a seed and look, and the JPEG is byte-identical', async () => {
    const look = { sex: 'F', hairColors: ['RED'] } as const;
    expect(portraitSvg('demo-3', look)).toBe(portraitSvg('demo-3', look));
    expect(portraitSvg('demo-3', look)).not.toBe(portraitSvg('demo-3', { sex: 'F', hairColors: ['BLA'] }));
    const [a, b] = await Promise.all([renderPortraitJpeg('demo-3', look), renderPortraitJpeg('demo-3', look)]);
    expect(a.data.equals(b.data)).toBe(true);
  });
});
