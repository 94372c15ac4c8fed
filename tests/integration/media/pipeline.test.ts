import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, stat, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImageProcessor, processImage, type ProcessImageResult, type ProcessedImage } from "@/lib/media/pipeline";
import { createDiskMediaStore, type MediaStore } from "@/lib/media/store";
import { craftPng, noisyJpeg, solidImage } from "../../support/image-fixtures";

let workDir: string;
let store: MediaStore;
let storeRoot: string;
let photo: Buffer;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "inkstone-pipeline-"));
  storeRoot = path.join(workDir, "media");
  store = createDiskMediaStore(storeRoot);
  photo = await noisyJpeg(2400, 1600);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function expectOk(result: ProcessImageResult): ProcessedImage {
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result;
}

function expectRejected(result: ProcessImageResult): string {
  if (result.ok) throw new Error(`expected a rejection, got ${result.variants.length} variants`);
  return result.reason;
}

async function storedVariant(image: ProcessedImage, format: string, width: number): Promise<Buffer> {
  const variant = image.variants.find((candidate) => candidate.format === format && candidate.width === width);
  if (!variant) throw new Error(`no ${format} ${width} variant`);
  const stored = await store.get(variant.key);
  if (!stored) throw new Error(`variant ${variant.key} is not in the store`);
  return stored.body;
}

async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [...data.subarray(offset, offset + 3)];
}

/** Runs work while sampling RSS; returns the result and the peak growth over the start. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakGrowth: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakGrowth: peak - start };
  } finally {
    clearInterval(timer);
  }
}

describe("processImage on a photo", () => {
  let image: ProcessedImage;

  beforeAll(async () => {
    image = expectOk(await processImage(photo, { store }));
  });

  it("describes the original: hash, size, format, dimensions", () => {
    expect(image.contentHash).toBe(createHash("sha256").update(photo).digest("hex"));
    expect(image.originalBytes).toBe(photo.byteLength);
    expect(image.format).toBe("jpeg");
    expect([image.width, image.height]).toEqual([2400, 1600]);
  });

  it("stores all 15 variants under content-addressed keys, each decoding to its planned size and type", async () => {
    expect(image.variants).toHaveLength(15);
    for (const variant of image.variants) {
      expect(variant.key).toMatch(new RegExp(`^${image.contentHash.slice(0, 2)}/${image.contentHash}/w${variant.width}\\.(avif|webp|jpg)$`));
      const stored = await store.get(variant.key);
      expect(stored?.size).toBe(variant.bytes);
      const metadata = await sharp(stored?.body).metadata();
      expect(metadata.format).toBe(variant.format === "avif" ? "heif" : variant.format);
      expect([metadata.width, metadata.height]).toEqual([variant.width, variant.height]);
      expect(metadata.space).toBe("srgb");
      expect(metadata.depth).toBe("uchar");
      expect(metadata.exif).toBeUndefined();
    }
  });

  it("makes the JPEG variants progressive", async () => {
    expect((await sharp(await storedVariant(image, "jpeg", 960)).metadata()).isProgressive).toBe(true);
  });

  it("makes smaller files than the original for what a browser would pick", async () => {
    const largest = image.variants.filter((variant) => variant.width === 1920);
    for (const variant of largest) expect(variant.bytes, variant.format).toBeLessThan(photo.byteLength);
  });

  it("gives a tiny blurred placeholder a browser can show at once", async () => {
    expect(image.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);
    expect(image.placeholder.length).toBeLessThan(1024);
    const bytes = Buffer.from(image.placeholder.split(",")[1] ?? "", "base64");
    const metadata = await sharp(bytes).metadata();
    expect(metadata.width).toBe(16);
    expect(metadata.height).toBe(11);
  });

  it("returns the same result for the same bytes without encoding again", async () => {
    const before = await stat(path.join(storeRoot, image.variants[0]?.key ?? ""));
    const started = performance.now();
    const again = expectOk(await processImage(Buffer.from(photo), { store }));
    expect(performance.now() - started).toBeLessThan(500);
    expect(again).toEqual(image);
    const after = await stat(path.join(storeRoot, image.variants[0]?.key ?? ""));
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it("re-creates a variant that went missing from the store", async () => {
    const lost = image.variants[4];
    if (!lost) throw new Error("no variant");
    await unlink(path.join(storeRoot, lost.key));
    expect(await store.has(lost.key)).toBe(false);
    const again = expectOk(await processImage(photo, { store }));
    expect(again.variants.map((variant) => variant.key)).toEqual(image.variants.map((variant) => variant.key));
    expect(await store.has(lost.key)).toBe(true);
  });

  it("stores different bytes under a different hash", async () => {
    const other = expectOk(await processImage(await solidImage(400, 300, "#804020").jpeg().toBuffer(), { store }));
    expect(other.contentHash).not.toBe(image.contentHash);
    expect(other.variants.every((variant) => variant.key.includes(other.contentHash))).toBe(true);
  });
});

describe("processImage normalises what cameras and editors produce", () => {
  it("applies EXIF orientation 6: a sideways-stored photo comes out upright", async () => {
    // Stored 600x400, left half red and right half blue; orientation 6 means "rotate 90° clockwise
    // to display", so the viewer sees a 400x600 picture, red on top.
    const stored = await solidImage(600, 400, "#0000ff")
      .composite([{ input: await solidImage(300, 400, "#ff0000").png().toBuffer(), left: 0, top: 0 }])
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const image = expectOk(await processImage(stored, { store }));
    expect([image.width, image.height]).toEqual([400, 600]);
    const placeholder = await sharp(Buffer.from(image.placeholder.split(",")[1] ?? "", "base64")).metadata();
    expect([placeholder.width, placeholder.height]).toEqual([11, 16]);
    const jpeg = await storedVariant(image, "jpeg", 320);
    const metadata = await sharp(jpeg).metadata();
    expect([metadata.width, metadata.height]).toEqual([320, 480]);
    expect(metadata.orientation).toBeUndefined();
    const [topRed = 0, , topBlue = 0] = await pixel(jpeg, 160, 60);
    const [bottomRed = 0, , bottomBlue = 0] = await pixel(jpeg, 160, 420);
    expect(topRed).toBeGreaterThan(200);
    expect(topBlue).toBeLessThan(60);
    expect(bottomBlue).toBeGreaterThan(200);
    expect(bottomRed).toBeLessThan(60);
  });

  it("converts CMYK to sRGB with the colour intact", async () => {
    const cmyk = await solidImage(500, 300, "#1060d0").toColourspace("cmyk").jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe("cmyk");
    const image = expectOk(await processImage(cmyk, { store }));
    for (const format of ["jpeg", "webp", "avif"]) {
      const bytes = await storedVariant(image, format, 320);
      const metadata = await sharp(bytes).metadata();
      expect(metadata.space, format).toBe("srgb");
      expect(metadata.channels, format).toBe(3);
      const [red = 0, green = 0, blue = 0] = await pixel(bytes, 100, 100);
      expect(blue, format).toBeGreaterThan(red + 80);
      expect(blue, format).toBeGreaterThan(green);
    }
  });

  it("turns a 16-bit PNG into 8-bit output", async () => {
    const png16 = await solidImage(800, 600, "#20a060").toColourspace("rgb16").png().toBuffer();
    expect((await sharp(png16).metadata()).depth).toBe("ushort");
    const image = expectOk(await processImage(png16, { store }));
    expect(image.format).toBe("png");
    for (const variant of image.variants) {
      const metadata = await sharp((await store.get(variant.key))?.body).metadata();
      expect(metadata.depth, variant.key).toBe("uchar");
    }
  });

  it("flattens transparency onto white rather than black", async () => {
    const transparent = await sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const image = expectOk(await processImage(transparent, { store }));
    for (const format of ["jpeg", "webp"]) {
      const bytes = await storedVariant(image, format, 320);
      expect((await sharp(bytes).metadata()).hasAlpha, format).toBe(false);
      expect(Math.min(...(await pixel(bytes, 10, 10))), format).toBeGreaterThan(240);
    }
  });

  it("uses the first frame of an animated GIF and of an animated WebP", async () => {
    const colours = ["#ff0000", "#00ff00", "#0000ff"];
    const frames = await Promise.all(colours.map((colour) => solidImage(400, 300, colour).raw().toBuffer()));
    const strip = sharp(Buffer.concat(frames), { raw: { width: 400, height: 900, channels: 3, pageHeight: 300 } });
    const gif = await strip.clone().gif({ loop: 0, delay: [100, 100, 100] }).toBuffer();
    const webp = await strip.clone().webp({ loop: 0, delay: [100, 100, 100] }).toBuffer();
    for (const [name, bytes] of [["gif", gif], ["webp", webp]] as const) {
      expect((await sharp(bytes).metadata()).pages, name).toBe(3);
      const image = expectOk(await processImage(bytes, { store }));
      expect(image.format).toBe(name);
      expect([image.width, image.height], name).toEqual([400, 300]);
      const [red = 0, green = 0, blue = 0] = await pixel(await storedVariant(image, "jpeg", 320), 100, 100);
      expect(red, name).toBeGreaterThan(200);
      expect(green + blue, name).toBeLessThan(80);
    }
  });

  it("accepts TIFF and AVIF originals", async () => {
    const tiff = expectOk(await processImage(await solidImage(700, 500, "#abcdef").tiff().toBuffer(), { store }));
    expect(tiff.format).toBe("tiff");
    const avif = expectOk(await processImage(await solidImage(700, 500, "#fedcba").avif({ effort: 2 }).toBuffer(), { store }));
    expect(avif.format).toBe("avif");
    expect(avif.variants.map((variant) => variant.width)).toEqual([320, 640, 320, 640, 320, 640]);
  });

  it("keeps a small original at its own width", async () => {
    const image = expectOk(await processImage(await solidImage(200, 100, "#123456").png().toBuffer(), { store }));
    expect(image.variants.map((variant) => [variant.format, variant.width, variant.height])).toEqual([
      ["avif", 200, 100],
      ["webp", 200, 100],
      ["jpeg", 200, 100],
    ]);
  });
});

describe("processImage rejects hostile and broken input with a reason", () => {
  it("rejects zero bytes", async () => {
    expect(expectRejected(await processImage(Buffer.alloc(0), { store }))).toBe("empty file");
  });

  it("rejects SVG even when it is dressed as a photo", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');
    expect(expectRejected(await processImage(svg, { store }))).toMatch(/^SVG is not accepted: /);
    const withProlog = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('\n <?xml version="1.0"?>\n<!DOCTYPE svg>\n<SVG onload="alert(1)"></SVG>'),
    ]);
    expect(expectRejected(await processImage(withProlog, { store }))).toMatch(/^SVG is not accepted: /);
  });

  it("says so when a server sent an HTML page instead of the picture", async () => {
    const html = Buffer.from("<!DOCTYPE html><html><body>Access denied</body></html>");
    expect(expectRejected(await processImage(html, { store }))).toMatch(/^HTML is not an image/);
  });

  it("rejects random bytes whatever they are called", async () => {
    const reason = expectRejected(await processImage(randomBytes(4096), { store }));
    expect(reason).toMatch(/^not a supported image: the bytes are not JPEG, PNG, WebP, AVIF, GIF or TIFF/);
  });

  it("explains HEIC photos instead of failing obscurely", async () => {
    const heicHeader = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic\0\0\0\0mif1heic"), randomBytes(64)]);
    expect(expectRejected(await processImage(heicHeader, { store }))).toMatch(/^HEIC\/HEIF photos are not supported/);
  });

  it("rejects a truncated JPEG with the decoder's reason and stores nothing for it", async () => {
    const truncated = photo.subarray(0, Math.floor(photo.byteLength / 2));
    const reason = expectRejected(await processImage(truncated, { store }));
    expect(reason).toMatch(/^could not decode jpeg image \(corrupt or truncated file\): /);
    const hash = createHash("sha256").update(truncated).digest("hex");
    expect(await store.has(`${hash.slice(0, 2)}/${hash}/manifest.json`)).toBe(false);
    expect(await store.has(`${hash.slice(0, 2)}/${hash}/original.jpg`)).toBe(false);
  });

  it("rejects a PNG header claiming 100000x100000 pixels", async () => {
    const bomb = craftPng(100_000, 100_000, zlib.deflateSync(Buffer.alloc(100_001)));
    expect(expectRejected(await processImage(bomb, { store }))).toBe("image is 100000x100000 (10000 MP), over the 40 MP limit");
  });

  it("rejects a tiny, highly compressed PNG that would decode to 81 megapixels, quickly and without the memory", async () => {
    const side = 9000;
    const bomb = craftPng(side, side, zlib.deflateSync(Buffer.alloc((side + 1) * side), { level: 9 }));
    expect(bomb.byteLength).toBeLessThan(200_000);
    const started = performance.now();
    const { result, peakGrowth } = await withPeakRss(() => processImage(bomb, { store }));
    expect(expectRejected(result)).toBe("image is 9000x9000 (81 MP), over the 40 MP limit");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(peakGrowth).toBeLessThan(64 * 1024 * 1024);
  });

  it("honours a lower pixel limit, even for bytes seen before", async () => {
    const reason = expectRejected(await processImage(photo, { store }, { maxInputPixels: 1_000_000 }));
    expect(reason).toBe("image is 2400x1600 (3.8 MP), over the 1 MP limit");
  });

  it("rejects a 50 MB input before decoding it, without the memory growing", async () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x41);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const { result, peakGrowth } = await withPeakRss(() => processImage(huge, { store }));
    expect(expectRejected(result)).toBe(`larger than 25 MiB (${huge.byteLength} bytes); not decoded`);
    expect(peakGrowth).toBeLessThan(16 * 1024 * 1024);
  });

  it("turns a 50 MB corrupt file allowed by a raised limit into a reason, not a crash or a memory spike", async () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x41);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const { result, peakGrowth } = await withPeakRss(() => processImage(huge, { store }, { maxBytes: 64 * 1024 * 1024 }));
    expect(expectRejected(result)).toMatch(/^could not decode jpeg image/);
    expect(peakGrowth).toBeLessThan(64 * 1024 * 1024);
  });
});

describe("processImage and its store", () => {
  it("throws when the store cannot write, instead of blaming the image", async () => {
    const blocker = path.join(workDir, "not-a-directory");
    await writeFile(blocker, "file");
    const brokenStore = createDiskMediaStore(path.join(blocker, "media"));
    await expect(processImage(await solidImage(400, 300, "#999999").jpeg().toBuffer(), { store: brokenStore })).rejects.toThrow(/ENOTDIR/);
  });
});

describe("createImageProcessor", () => {
  it("works through a batch in order, one image at a time, reporting progress", async () => {
    const updates: Array<{ done: number; total: number; failed: number }> = [];
    const processor = createImageProcessor({ store }, { concurrency: 1, onProgress: (progress) => updates.push(progress) });
    const inputs = await Promise.all(
      ["#110000", "#001100", "#000011", "#111100"].map((colour) => solidImage(320, 240, colour).jpeg().toBuffer()),
    );
    const finished: number[] = [];
    const batch = [...inputs, Buffer.alloc(0)].map((input, index) =>
      processor.process(input).then((result) => {
        finished.push(index);
        return result;
      }),
    );
    const results = await Promise.all(batch);
    await processor.idle();
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true, false]);
    expect(finished).toEqual([0, 1, 2, 3, 4]);
    expect(updates.map(({ done, total }) => `${done}/${total}`)).toEqual([
      "0/1", "0/2", "0/3", "0/4", "0/5", "1/5", "2/5", "3/5", "4/5", "5/5",
    ]);
    expect(updates.at(-1)).toEqual({ done: 5, total: 5, failed: 1 });
  });
});
