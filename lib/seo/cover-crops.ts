import sharp from "sharp";
import type { MediaStore } from "../media/store";
import { isVariantKey, type ImageVariant } from "../media/variants";

// Google asks for a news article's image in three aspect ratios (1:1, 4:3, 16:9). They are cut
// on request from the cover's largest JPEG variant rather than stored by the ingest pipeline:
// that variant is already oriented, sRGB and stripped of metadata (the kept original may carry
// GPS tags), it is at most 1920 px wide, so a crop costs tens of milliseconds, and the variant
// table, its manifests and every stored image stay as they are. The URL holds the variant's
// content-addressed key, so a crop never changes for its URL and is cached for a year.

export const COVER_CROP_RATIOS = { "1x1": [1, 1], "4x3": [4, 3], "16x9": [16, 9] } as const;
export type CoverCropRatio = keyof typeof COVER_CROP_RATIOS;

function isCoverCropRatio(value: string): value is CoverCropRatio {
  return Object.hasOwn(COVER_CROP_RATIOS, value);
}

/** The variant crops are cut from: the widest JPEG, or null when the image has none. */
export function pickCropSource(variants: readonly ImageVariant[]): ImageVariant | null {
  return variants.filter((variant) => variant.format === "jpeg").reduce<ImageVariant | null>((widest, variant) => (widest && widest.width >= variant.width ? widest : variant), null);
}

/** The largest box of the ratio inside the source, in whole pixels. */
export function getCropSize(source: { width: number; height: number }, ratio: CoverCropRatio): { width: number; height: number } {
  const [across, down] = COVER_CROP_RATIOS[ratio];
  if (source.width * down >= source.height * across) {
    return { width: Math.max(1, Math.round((source.height * across) / down)), height: source.height };
  }
  return { width: source.width, height: Math.max(1, Math.round((source.width * down) / across)) };
}

/** "/social/crops/16x9/ab/<hash>/w1280.jpg". */
export function getCoverCropPath(source: ImageVariant, ratio: CoverCropRatio): string {
  return `/social/crops/${ratio}/${source.key}`;
}

const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";
const SECURITY_HEADERS = { "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'; sandbox" };

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...SECURITY_HEADERS },
  });
}

/** The crop route's answer for its ratio segment and key segments; anything but a stored JPEG variant is a 404. */
export async function respondWithCoverCrop(
  store: MediaStore,
  ratio: string,
  keySegments: readonly string[],
  method: "GET" | "HEAD" = "GET",
): Promise<Response> {
  const key = keySegments.join("/");
  if (!isCoverCropRatio(ratio) || keySegments.length !== 3 || !isVariantKey(key) || !key.endsWith(".jpg")) return notFound();
  const stored = await store.get(key);
  if (stored === null || stored.contentType !== "image/jpeg") return notFound();
  const image = sharp(stored.body, { failOn: "warning" });
  const { width, height } = await image.metadata();
  const size = getCropSize({ width, height }, ratio);
  // "attention" keeps the busiest part of the picture (faces, contrast) rather than the centre.
  const crop = await image
    .resize(size.width, size.height, { fit: "cover", position: sharp.strategy.attention })
    .jpeg({ quality: 80, mozjpeg: true, progressive: true })
    .toBuffer();
  const headers = {
    "content-type": "image/jpeg",
    "content-length": String(crop.byteLength),
    "cache-control": IMMUTABLE_CACHE_CONTROL,
    ...SECURITY_HEADERS,
  };
  return new Response(method === "HEAD" ? null : new Uint8Array(crop), { status: 200, headers });
}
