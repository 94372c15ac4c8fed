import { describe, expect, it } from "vitest";
import {
  VARIANT_FORMATS,
  buildVariantKey,
  contentTypeForKey,
  isStoreKey,
  isVariantKey,
  planVariants,
} from "@/lib/media/variants";

const HASH = "ab".repeat(32);

describe("planVariants", () => {
  it("plans every width up to 1920 in avif, webp and jpeg for a large photo", () => {
    const plan = planVariants(4000, 3000);
    expect(plan).toHaveLength(15);
    for (const format of ["avif", "webp", "jpeg"] as const) {
      expect(plan.filter((variant) => variant.format === format).map((variant) => variant.width)).toEqual([
        320, 640, 960, 1280, 1920,
      ]);
    }
    expect(plan.find((variant) => variant.width === 1920)?.height).toBe(1440);
  });

  it("never upscales: a 1000 px original stops at 960", () => {
    const widths = new Set(planVariants(1000, 500).map((variant) => variant.width));
    expect([...widths]).toEqual([320, 640, 960]);
  });

  it("includes a width equal to the original", () => {
    expect(new Set(planVariants(640, 480).map((variant) => variant.width))).toEqual(new Set([320, 640]));
  });

  it("gives an original narrower than 320 one variant per format at its own size", () => {
    expect(planVariants(200, 150)).toEqual([
      { format: "avif", width: 200, height: 150 },
      { format: "webp", width: 200, height: 150 },
      { format: "jpeg", width: 200, height: 150 },
    ]);
  });

  it("keeps the aspect ratio and never plans a zero-height image for a very wide banner", () => {
    const plan = planVariants(10000, 10);
    expect(plan.every((variant) => variant.height >= 1)).toBe(true);
    expect(plan.find((variant) => variant.width === 1920)?.height).toBe(2);
  });

  it("rejects nonsense dimensions instead of planning garbage", () => {
    expect(() => planVariants(0, 100)).toThrow(RangeError);
    expect(() => planVariants(100, Number.NaN)).toThrow(RangeError);
    expect(() => planVariants(12.5, 100)).toThrow(RangeError);
  });
});

describe("variant table", () => {
  it("uses the settings the stack measured as affordable on 2 cores", () => {
    const byFormat = Object.fromEntries(VARIANT_FORMATS.map((spec) => [spec.format, spec]));
    expect(byFormat.avif?.encoder).toMatchObject({ quality: 50, effort: 2, chromaSubsampling: "4:2:0" });
    expect(byFormat.webp?.encoder).toMatchObject({ quality: 75 });
    expect(byFormat.jpeg?.encoder).toMatchObject({ quality: 78, mozjpeg: true, progressive: true });
    expect(VARIANT_FORMATS.map((spec) => [spec.contentType, spec.extension])).toEqual([
      ["image/avif", "avif"],
      ["image/webp", "webp"],
      ["image/jpeg", "jpg"],
    ]);
  });
});

describe("media keys", () => {
  it("builds content-addressed keys that the public pattern accepts", () => {
    const key = buildVariantKey(HASH, "jpeg", 640);
    expect(key).toBe(`ab/${HASH}/w640.jpg`);
    expect(isVariantKey(key)).toBe(true);
    expect(contentTypeForKey(key)).toBe("image/jpeg");
  });

  it("refuses keys that could escape the media directory or name another file", () => {
    const hostile = [
      `../${HASH}/w640.jpg`,
      `ab/../../etc/passwd`,
      `/ab/${HASH}/w640.jpg`,
      `ab\\${HASH}\\w640.jpg`,
      `ab/${HASH}/w640.jpg\0.png`,
      `ab%2F${HASH}%2Fw640.jpg`,
      `ab/${HASH}/..%2fw640.jpg`,
      `cd/${HASH}/w640.jpg`, // fan-out directory not the hash's own prefix
      `ab/${HASH.toUpperCase()}/w640.jpg`,
      `ab/${HASH}/w640.svg`,
      `ab/${HASH}/w640.html`,
      `ab/${HASH}/w0640.jpg`,
      `ab/${HASH}/w640.jpg/`,
      `ab/${HASH}/w640.jpg\n`,
    ];
    for (const key of hostile) {
      expect(isStoreKey(key), key).toBe(false);
      expect(isVariantKey(key), key).toBe(false);
    }
  });

  it("lets the store keep originals and manifests but keeps them out of the public pattern", () => {
    for (const key of [`ab/${HASH}/original.png`, `ab/${HASH}/manifest.json`]) {
      expect(isStoreKey(key)).toBe(true);
      expect(isVariantKey(key)).toBe(false);
    }
  });
});
