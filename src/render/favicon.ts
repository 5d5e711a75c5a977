/** The office logo as a favicon: a 32 px PNG inside an ICO container. */
import sharp from 'sharp';

/**
 * The office logo as a 32 px icon in an ICO container (one PNG image inside, which every browser reads), drawn once:
 * browsers and feed readers ask for /favicon.ico whatever the page's `<link rel="icon">` says.
 */
export async function drawFavicon(svg: Buffer): Promise<Buffer> {
  const png = await sharp(svg, { density: 300 }).resize(32, 32).png().toBuffer();
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(32, 6); // width
  header.writeUInt8(32, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // the image follows the header
  return Buffer.concat([header, png]);
}
