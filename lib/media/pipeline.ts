import { createHash } from "node:crypto";
import sharp, { type Metadata, type Sharp, type SharpOptions } from "sharp";
import { z } from "zod";
import type { MediaStore } from "./store";
import {
  VARIANT_FORMATS,
  buildManifestKey,
  buildOriginalKey,
  buildVariantKey,
  getVariantFormatSpec,
  planVariants,
  type ImageVariant,
  type PlannedVariant,
  type VariantFormat,
} from "./variants";

// libvips' operation cache keeps decoded images around for reuse; content-addressed inputs are
// each seen once, so the cache would only hold memory. One libvips thread per operation (sharp's
// own default on glibc, set explicitly so it does not change under us): on 2 cores parallelism
// comes from running two encodes at once (DEFAULT_ENCODE_CONCURRENCY). Measured on a 2400x1600
// photo, all 15 variants: 1 thread x 2 encodes 1.95 s, 2 x 1 2.64 s, 2 x 2 2.47 s, 1 x 1 3.18 s;
// it also keeps the thread count, and so glibc's per-thread arenas, predictable.
sharp.cache(false);
sharp.concurrency(1);

export const DEFAULT_MAX_INPUT_PIXELS = 40_000_000;
export const DEFAULT_MAX_INPUT_BYTES = 25 * 1024 * 1024;
/** Encodes in flight for one image. */
export const DEFAULT_ENCODE_CONCURRENCY = 2;

const PLACEHOLDER_SIZE = 16;
const FLATTEN_BACKGROUND = "#ffffff";

export type SourceImageFormat = "jpeg" | "png" | "webp" | "avif" | "gif" | "tiff";

const ORIGINAL_EXTENSIONS: Record<SourceImageFormat, string> = {
  jpeg: "jpg",
  png: "png",
  webp: "webp",
  avif: "avif",
  gif: "gif",
  tiff: "tif",
};

const ORIGINAL_CONTENT_TYPES: Record<SourceImageFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
  tiff: "image/tiff",
};

export interface ProcessedImage {
  /** sha256 (hex) of the original bytes; also the storage address of every variant. */
  contentHash: string;
  /** Intrinsic size after EXIF orientation is applied. */
  width: number;
  height: number;
  /** Tiny blurred WebP as a data URI, for the background while the real image loads. */
  placeholder: string;
  variants: ImageVariant[];
  originalBytes: number;
  format: SourceImageFormat;
}

export type ProcessImageResult = ({ ok: true } & ProcessedImage) | { ok: false; reason: string };

export interface ProcessImageOptions {
  maxInputPixels?: number;
  maxBytes?: number;
  encodeConcurrency?: number;
}

export interface ProcessImageDeps {
  store: MediaStore;
}

/**
 * Turns untrusted bytes into the variant table's outputs in the store.
 *
 * Returns `{ ok: false, reason }` for anything wrong with the input (the reason is shown to
 * editors). Store failures (disk full, permissions) are not the input's fault and are thrown.
 *
 * Animated GIF/WebP: the first frame is used and the result is ok. A still is what an article
 * image shows in most news layouts, and rejecting would leave the article with a pending box.
 * Transparency is flattened onto white in every format: JPEG has no alpha, the AVIF/WebP
 * variants then match it, and the blurred placeholder never shows through transparent areas.
 */
export async function processImage(
  bytes: Buffer,
  deps: ProcessImageDeps,
  options: ProcessImageOptions = {},
): Promise<ProcessImageResult> {
  const maxInputPixels = options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const encodeConcurrency = Math.max(1, options.encodeConcurrency ?? DEFAULT_ENCODE_CONCURRENCY);
  const { store } = deps;

  if (bytes.byteLength === 0) return { ok: false, reason: "empty file" };
  if (bytes.byteLength > maxBytes) {
    return { ok: false, reason: `larger than ${formatMiB(maxBytes)} (${bytes.byteLength} bytes); not decoded` };
  }

  const sniffed = sniffImageFormat(bytes);
  if (!sniffed.ok) return sniffed;
  const format = sniffed.format;

  const contentHash = createHash("sha256").update(bytes).digest("hex");
  const existing = await readCompleteManifest(store, contentHash);
  if (existing !== null) {
    // Seen before, but the limits may have been lowered since.
    const overLimit = describePixelLimit(existing.width, existing.height, maxInputPixels);
    return overLimit === null ? { ok: true, ...existing } : { ok: false, reason: overLimit };
  }

  const inputOptions: SharpOptions = {
    limitInputPixels: maxInputPixels,
    // sharp's recommendation for untrusted input: stop on any decoder warning, which includes
    // truncated data, rather than encode a half-grey picture.
    failOn: "warning",
    sequentialRead: true,
    // First frame of animations and first page of multi-page TIFFs.
    pages: 1,
    page: 0,
  };

  let metadata: Metadata;
  try {
    // Header only, so no pixel limit here: it would turn a precise "9000x9000" into a vague
    // error. The limit is checked just below and enforced again by libvips on every decode.
    metadata = await sharp(bytes, { ...inputOptions, limitInputPixels: false }).metadata();
  } catch (error) {
    return { ok: false, reason: describeDecodeError(error, format, maxInputPixels) };
  }
  const expectedLibvipsFormat = format === "avif" ? "heif" : format;
  if (metadata.format !== expectedLibvipsFormat) {
    return { ok: false, reason: `file looks like ${format} but decodes as ${String(metadata.format)}; not accepted` };
  }
  const width = metadata.autoOrient.width;
  const height = metadata.autoOrient.height;
  if (!(width >= 1 && height >= 1)) return { ok: false, reason: `image has no pixels (${width}x${height})` };
  const overLimit = describePixelLimit(width, height, maxInputPixels);
  if (overLimit !== null) return { ok: false, reason: overLimit };
  const plan = planVariants(width, height);

  let placeholder: string;
  let encoded: Array<{ planned: PlannedVariant; key: string; bytes: number }>;
  // Decoder errors become a reason for the editor; anything else (the store) propagates.
  const decode = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      throw new DecodeFailure(describeDecodeError(error, format, maxInputPixels));
    }
  };
  // The placeholder is made from the smallest JPEG variant (already oriented, flattened, sRGB)
  // rather than by decoding the original once more: ~2 ms instead of ~30 ms for a 4 MP photo.
  const placeholderSource = plan.find((planned) => planned.format === "jpeg");
  let placeholderInput: Buffer | null = null;
  try {
    encoded = await mapWithConcurrency(plan, encodeConcurrency, async (planned) => {
      const output = await decode(encodeVariant(bytes, inputOptions, planned));
      if (planned === placeholderSource) placeholderInput = output;
      const key = buildVariantKey(contentHash, planned.format, planned.width);
      await store.put(key, output, getVariantFormatSpec(planned.format).contentType);
      return { planned, key, bytes: output.byteLength };
    });
    const smallJpeg: Buffer | null = placeholderInput;
    if (smallJpeg === null) throw new Error("the variant table has no JPEG to make the placeholder from");
    placeholder = await decode(createPlaceholder(smallJpeg, width, height));
  } catch (error) {
    if (error instanceof DecodeFailure) return { ok: false, reason: error.message };
    throw error;
  }

  // The original is kept (private: the media route serves variants only, originals keep EXIF
  // such as GPS) so a change to the variant table can be re-encoded without refetching.
  const originalKey = buildOriginalKey(contentHash, ORIGINAL_EXTENSIONS[format]);
  if (!(await store.has(originalKey))) await store.put(originalKey, bytes, ORIGINAL_CONTENT_TYPES[format]);

  const processed: ProcessedImage = {
    contentHash,
    width,
    height,
    placeholder,
    variants: encoded.map(({ planned, key, bytes: size }) => ({ ...planned, key, bytes: size })),
    originalBytes: bytes.byteLength,
    format,
  };
  // Written last: its presence means every variant above is complete, which is what dedupe trusts.
  await store.put(
    buildManifestKey(contentHash),
    Buffer.from(JSON.stringify({ version: MANIFEST_VERSION, ...processed })),
    "application/json",
  );
  return { ok: true, ...processed };
}

function encodeVariant(bytes: Buffer, inputOptions: SharpOptions, planned: PlannedVariant): Promise<Buffer> {
  // autoOrient before resize so the planned (oriented) width and height apply; "fill" because the
  // plan already kept the aspect ratio and its rounding must match the HTML width/height exactly.
  // Metadata is stripped by default (no keepMetadata/withMetadata) and output is 8-bit sRGB
  // whatever the input was (CMYK, 16-bit, grey, embedded ICC profile).
  const pipeline = sharp(bytes, inputOptions)
    .autoOrient()
    .resize(planned.width, planned.height, { fit: "fill" })
    .flatten({ background: FLATTEN_BACKGROUND })
    .toColourspace("srgb");
  return applyEncoder(pipeline, planned.format).toBuffer();
}

/** Applies the variant table's encoder settings for a format; shared with the benchmark baseline. */
export function applyEncoder(pipeline: Sharp, format: VariantFormat): Sharp {
  const spec = getVariantFormatSpec(format);
  switch (spec.format) {
    case "avif":
      return pipeline.avif({ ...spec.encoder });
    case "webp":
      return pipeline.webp({ ...spec.encoder });
    case "jpeg":
      return pipeline.jpeg({ ...spec.encoder });
  }
}

async function createPlaceholder(smallVariant: Buffer, width: number, height: number): Promise<string> {
  // Sized from the original's ratio, not the variant's already-rounded one.
  const landscape = width >= height;
  const long = Math.min(PLACEHOLDER_SIZE, landscape ? width : height);
  const short = Math.max(1, Math.round((long * (landscape ? height : width)) / (landscape ? width : height)));
  const output = await sharp(smallVariant)
    .resize(landscape ? long : short, landscape ? short : long, { fit: "fill" })
    .blur(0.6)
    .webp({ quality: 40 })
    .toBuffer();
  return `data:image/webp;base64,${output.toString("base64")}`;
}

const MANIFEST_VERSION = 1;

const manifestSchema = z.object({
  version: z.literal(MANIFEST_VERSION),
  contentHash: z.string().regex(/^[a-f0-9]{64}$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  placeholder: z.string().startsWith("data:image/"),
  variants: z.array(
    z.object({
      format: z.enum(VARIANT_FORMATS.map(({ format }) => format) as [VariantFormat, ...VariantFormat[]]),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      key: z.string(),
      bytes: z.number().int().positive(),
    }),
  ),
  originalBytes: z.number().int().positive(),
  format: z.enum(["jpeg", "png", "webp", "avif", "gif", "tiff"]),
});

/**
 * The earlier result for identical bytes, if it is complete under today's variant table: same
 * planned variants, every one present in the store. Anything else means encode again.
 */
async function readCompleteManifest(store: MediaStore, contentHash: string): Promise<ProcessedImage | null> {
  const stored = await store.get(buildManifestKey(contentHash));
  if (stored === null) return null;
  let parsed;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(stored.body.toString("utf8")));
  } catch {
    return null;
  }
  if (!parsed.success || parsed.data.contentHash !== contentHash) return null;
  const manifest: ProcessedImage = {
    contentHash: parsed.data.contentHash,
    width: parsed.data.width,
    height: parsed.data.height,
    placeholder: parsed.data.placeholder,
    variants: parsed.data.variants,
    originalBytes: parsed.data.originalBytes,
    format: parsed.data.format,
  };
  const expectedKeys = planVariants(manifest.width, manifest.height).map((planned) =>
    buildVariantKey(contentHash, planned.format, planned.width),
  );
  const storedKeys = manifest.variants.map((variant) => variant.key);
  if (expectedKeys.length !== storedKeys.length || expectedKeys.some((key, index) => key !== storedKeys[index])) {
    return null;
  }
  const present = await Promise.all(storedKeys.map((key) => store.has(key)));
  return present.every(Boolean) ? manifest : null;
}

export type SniffResult = { ok: true; format: SourceImageFormat } | { ok: false; reason: string };

const ISO_BMFF_HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/** The real type of the bytes, from their magic numbers; names and declared types are ignored. */
export function sniffImageFormat(bytes: Buffer): SniffResult {
  const startsWith = (signature: readonly number[], offset = 0): boolean =>
    bytes.byteLength >= offset + signature.length && signature.every((value, index) => bytes[offset + index] === value);
  const ascii = (start: number, end: number): string => bytes.toString("latin1", start, Math.min(end, bytes.byteLength));

  if (startsWith([0xff, 0xd8, 0xff])) return { ok: true, format: "jpeg" };
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, format: "png" };
  if (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a") return { ok: true, format: "gif" };
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return { ok: true, format: "webp" };
  if (startsWith([0x49, 0x49, 0x2a, 0x00]) || startsWith([0x4d, 0x4d, 0x00, 0x2a])) return { ok: true, format: "tiff" };
  if (startsWith([0x49, 0x49, 0x2b, 0x00]) || startsWith([0x4d, 0x4d, 0x00, 0x2b])) return { ok: true, format: "tiff" };

  if (ascii(4, 8) === "ftyp" && bytes.byteLength >= 12) {
    // ISO base media file: major brand at 8, compatible brands from 16 to the end of the box.
    const boxEnd = Math.min(bytes.readUInt32BE(0), bytes.byteLength, 256);
    const brands = [ascii(8, 12)];
    for (let offset = 16; offset + 4 <= boxEnd; offset += 4) brands.push(ascii(offset, offset + 4));
    if (brands.includes("avif") || brands.includes("avis")) return { ok: true, format: "avif" };
    if (brands.some((brand) => ISO_BMFF_HEIC_BRANDS.has(brand))) {
      return { ok: false, reason: "HEIC/HEIF photos are not supported by this server's decoder; export the photo as JPEG" };
    }
    return { ok: false, reason: `not an image: an ISO media file (brand "${brands[0] ?? ""}"), probably a video` };
  }

  const text = leadingText(bytes);
  if (text !== null) {
    if (/<svg[\s>]/.test(text)) {
      return {
        ok: false,
        reason: "SVG is not accepted: vector files can carry scripts and are not converted; upload a PNG or JPEG instead",
      };
    }
    if (/^<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]/.test(text)) {
      return { ok: false, reason: "HTML is not an image (often an error or login page served in place of the picture)" };
    }
    if (text.startsWith("<")) return { ok: false, reason: "XML is not an image" };
  }

  const head = [...bytes.subarray(0, 8)].map((value) => value.toString(16).padStart(2, "0")).join(" ");
  return {
    ok: false,
    reason: `not a supported image: the bytes are not JPEG, PNG, WebP, AVIF, GIF or TIFF (they start with ${head})`,
  };
}

/** The first 4 KB, lowercased, if the file starts like markup (after a BOM and white space). */
function leadingText(bytes: Buffer): string | null {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  let text = bytes.toString("utf8", start, Math.min(bytes.byteLength, start + 4096));
  // UTF-16 markup (a BOM then "<\0" or "\0<"): drop the NULs so the checks below still see it.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    text = bytes.toString("latin1", 2, Math.min(bytes.byteLength, 8192)).replaceAll("\0", "");
  }
  text = text.trimStart().toLowerCase();
  return text.startsWith("<") ? text : null;
}

class DecodeFailure extends Error {}

function describeDecodeError(error: unknown, format: SourceImageFormat, maxInputPixels: number): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return `image has more pixels than the ${formatMegapixels(maxInputPixels)} limit (a decompression bomb, or a photo far larger than needed)`;
  }
  return `could not decode ${format} image (corrupt or truncated file): ${firstLine(message)}`;
}

function firstLine(message: string): string {
  return message.split("\n").find((line) => line.trim() !== "")?.trim() ?? "unknown error";
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}

function describePixelLimit(width: number, height: number, maxInputPixels: number): string | null {
  const pixels = width * height;
  if (pixels <= maxInputPixels) return null;
  return `image is ${width}x${height} (${formatMegapixels(pixels)}), over the ${formatMegapixels(maxInputPixels)} limit`;
}

function formatMegapixels(pixels: number): string {
  return `${Math.round((pixels / 1_000_000) * 10) / 10} MP`;
}

/** Runs fn over items with at most `limit` in flight; stops starting new ones after a failure. */
async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next;
      next += 1;
      try {
        results[index] = await fn(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  const settled = await Promise.allSettled(workers);
  const rejection = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  if (rejection) throw rejection.reason;
  return results;
}

export interface ImageProcessorProgress {
  done: number;
  total: number;
  failed: number;
}

export interface ImageProcessorOptions extends ProcessImageOptions {
  /** Images in flight. Each already runs `encodeConcurrency` encodes, so 1 fills 2 cores. */
  concurrency?: number;
  onProgress?: (progress: ImageProcessorProgress) => void;
}

export interface ImageProcessor {
  /** Queues one image; resolves with its result when its turn has run. */
  process(bytes: Buffer): Promise<ProcessImageResult>;
  /** Resolves once everything queued so far has finished. */
  idle(): Promise<void>;
}

/** A queue in front of processImage for batches (ingest, retries) with a progress callback. */
export function createImageProcessor(deps: ProcessImageDeps, options: ImageProcessorOptions = {}): ImageProcessor {
  const { concurrency = 1, onProgress, ...processOptions } = options;
  const limit = Math.max(1, concurrency);
  const waiting: Array<() => void> = [];
  const idleWaiters: Array<() => void> = [];
  let running = 0;
  const progress: ImageProcessorProgress = { done: 0, total: 0, failed: 0 };

  const release = (): void => {
    const nextTask = waiting.shift();
    if (nextTask) {
      nextTask();
      return;
    }
    running -= 1;
    if (running === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
  };

  return {
    async process(bytes) {
      progress.total += 1;
      onProgress?.({ ...progress });
      // A finishing task hands its slot straight to the next waiter (see release), so a caller
      // arriving in between cannot push the count past the limit.
      if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
      else running += 1;
      try {
        const result = await processImage(bytes, deps, processOptions);
        if (!result.ok) progress.failed += 1;
        return result;
      } catch (error) {
        progress.failed += 1;
        throw error;
      } finally {
        progress.done += 1;
        onProgress?.({ ...progress });
        release();
      }
    },
    idle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
