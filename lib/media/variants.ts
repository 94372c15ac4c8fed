// The one table of generated image variants. The pipeline, the benchmark's baseline, the HTML
// renderer and the media route all read it from here, so a change is made once.

export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;

export type VariantFormat = "avif" | "webp" | "jpeg";

// Option names mirror sharp's `.avif()`, `.webp()` and `.jpeg()`. Kept as plain data so this module
// stays free of the native addon: picture-html imports it and must be usable anywhere.
export interface EncoderOptionsByFormat {
  avif: { readonly quality: number; readonly effort: number; readonly chromaSubsampling: "4:2:0" | "4:4:4" };
  webp: { readonly quality: number; readonly effort: number };
  jpeg: { readonly quality: number; readonly mozjpeg: boolean; readonly progressive: boolean };
}

export type VariantFormatSpec = {
  [F in VariantFormat]: {
    readonly format: F;
    readonly contentType: string;
    readonly extension: string;
    readonly encoder: EncoderOptionsByFormat[F];
  };
}[VariantFormat];

// Order matters: it is the order of <source> elements (most efficient first) and of encoding.
export const VARIANT_FORMATS: readonly VariantFormatSpec[] = [
  {
    format: "avif",
    contentType: "image/avif",
    extension: "avif",
    // effort 2 is ~10x faster than the default 4 at about the same size (a 1600 px encode on 2
    // cores: 542 ms against 6.2 s).
    // 4:2:0 like the JPEG and WebP variants: sharp's AVIF default (4:4:4) measured here at 3x the
    // encoder memory (254 vs 83 MiB for one 1920 px encode) and slower, for detail photos do not show.
    encoder: { quality: 50, effort: 2, chromaSubsampling: "4:2:0" },
  },
  {
    format: "webp",
    contentType: "image/webp",
    extension: "webp",
    encoder: { quality: 75, effort: 4 },
  },
  {
    format: "jpeg",
    contentType: "image/jpeg",
    extension: "jpg",
    encoder: { quality: 78, mozjpeg: true, progressive: true },
  },
];

export interface PlannedVariant {
  format: VariantFormat;
  width: number;
  height: number;
}

export interface ImageVariant extends PlannedVariant {
  key: string;
  bytes: number;
}

export function getVariantFormatSpec(format: VariantFormat): VariantFormatSpec {
  const spec = VARIANT_FORMATS.find((candidate) => candidate.format === format);
  if (!spec) throw new Error(`unknown variant format ${String(format)}`);
  return spec;
}

/** Widths to generate for an original of this width: never upscaled. */
export function planVariantWidths(originalWidth: number): number[] {
  assertDimension("originalWidth", originalWidth);
  const widths: number[] = VARIANT_WIDTHS.filter((width) => width <= originalWidth);
  // An original narrower than the smallest step still gets one variant, at its own width.
  return widths.length > 0 ? widths : [originalWidth];
}

/**
 * Every variant to produce, formats in table order, widths ascending. Heights keep the original's
 * aspect ratio (rounded, at least 1 px); pass dimensions after EXIF orientation is applied.
 */
export function planVariants(originalWidth: number, originalHeight: number): PlannedVariant[] {
  assertDimension("originalHeight", originalHeight);
  const widths = planVariantWidths(originalWidth);
  return VARIANT_FORMATS.flatMap(({ format }) =>
    widths.map((width) => ({
      format,
      width,
      height: Math.max(1, Math.round((originalHeight * width) / originalWidth)),
    })),
  );
}

function assertDimension(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

// Content-addressed storage keys: "<first two hex of hash>/<sha256 hex>/<file>". The two-character
// fan-out keeps directories small on disk and in object-store listings.
const HASH = "[a-f0-9]{64}";
const VARIANT_FILE = "w[1-9][0-9]{0,4}\\.(?:avif|webp|jpg)";
const ORIGINAL_FILE = "original\\.(?:jpg|png|webp|avif|gif|tif)";
const MANIFEST_FILE = "manifest\\.json";

/** Keys the public media route may serve: generated variants only. */
export const VARIANT_KEY_PATTERN = new RegExp(`^([a-f0-9]{2})/(${HASH})/${VARIANT_FILE}$`);

/** Every key the store accepts: variants, the kept original and the dedupe manifest. */
export const STORE_KEY_PATTERN = new RegExp(
  `^([a-f0-9]{2})/(${HASH})/(?:${VARIANT_FILE}|${ORIGINAL_FILE}|${MANIFEST_FILE})$`,
);

export function isVariantKey(key: string): boolean {
  return matchesWithPrefix(VARIANT_KEY_PATTERN, key);
}

export function isStoreKey(key: string): boolean {
  return matchesWithPrefix(STORE_KEY_PATTERN, key);
}

function matchesWithPrefix(pattern: RegExp, key: string): boolean {
  const match = pattern.exec(key);
  // The fan-out directory must be the hash's own prefix, so one hash has exactly one home.
  return match !== null && match[2]?.startsWith(match[1] ?? "-") === true;
}

function assertHash(contentHash: string): void {
  if (!new RegExp(`^${HASH}$`).test(contentHash)) {
    throw new Error(`content hash must be 64 lowercase hex characters, got ${JSON.stringify(contentHash)}`);
  }
}

export function buildVariantKey(contentHash: string, format: VariantFormat, width: number): string {
  assertHash(contentHash);
  return `${contentHash.slice(0, 2)}/${contentHash}/w${width}.${getVariantFormatSpec(format).extension}`;
}

export function buildOriginalKey(contentHash: string, extension: string): string {
  assertHash(contentHash);
  return `${contentHash.slice(0, 2)}/${contentHash}/original.${extension}`;
}

export function buildManifestKey(contentHash: string): string {
  assertHash(contentHash);
  return `${contentHash.slice(0, 2)}/${contentHash}/manifest.json`;
}

const CONTENT_TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  avif: "image/avif",
  webp: "image/webp",
  jpg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  tif: "image/tiff",
  json: "application/json",
};

/** The content type a stored key is served and stored with, derived from its extension. */
export function contentTypeForKey(key: string): string | null {
  const extension = /\.([a-z0-9]+)$/.exec(key)?.[1];
  return extension === undefined ? null : (CONTENT_TYPE_BY_EXTENSION[extension] ?? null);
}
