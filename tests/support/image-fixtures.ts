// Image inputs generated with sharp (and by hand, for headers no encoder would write), shared by
// the media tests so every suite builds its photos and hostile files the same way.
import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import sharp, { type Sharp } from "sharp";

/**
 * A photo-like JPEG: smooth colour regions plus sensor-like noise, so it compresses like a real
 * photo rather than a flat fill. Random every call: two calls never give the same bytes.
 */
export async function noisyJpeg(width: number, height: number): Promise<Buffer> {
  const base = await sharp(randomBytes(12 * 8 * 3), { raw: { width: 12, height: 8, channels: 3 } })
    .resize(width, height, { kernel: "cubic" })
    .raw()
    .toBuffer();
  const noise = randomBytes(base.length);
  for (let index = 0; index < base.length; index += 1) {
    base[index] = Math.min(255, Math.max(0, (base[index] ?? 0) + ((noise[index] ?? 0) & 31) - 16));
  }
  return sharp(base, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/** A single-colour RGB image, still to be encoded (`.png()`, `.jpeg()`, ...). */
export function solidImage(width: number, height: number, background: string): Sharp {
  return sharp({ create: { width, height, channels: 3, background } });
}

/** An 8-bit greyscale PNG from raw chunks: any IHDR size over any IDAT, such as a decompression bomb. */
export function craftPng(width: number, height: number, idat: Buffer): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", idat),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
