// The generated social card through real sharp/libvips, Pango and the system's fonts. The CJK
// checks fail when fonts-noto-cjk is missing: Pango then draws every Chinese character as the same
// kind of box holding its hex code, so a one-stroke character and a forty-stroke one come out
// with about the same ink.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  SOCIAL_IMAGE_SHAPES,
  type SocialCard,
  getSocialCardVersion,
  getSocialImagePath,
  parseSocialImageFile,
  renderSocialImage,
} from "@/lib/seo/social-image";

const seedCard: SocialCard = {
  title: "讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台",
  kicker: "科技",
  siteName: "墨石新闻",
  language: "zh-CN",
};

// The title's area on the 1200x630 card: below the kicker, above the rule and site name.
const TITLE_AREA = { left: 80, top: 96, width: 1040, height: 360 };

/** Dark pixels in the title area (ink), out of all its pixels. */
async function titleInk(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).extract(TITLE_AREA).greyscale().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (const value of data) if (value < 128) dark += 1;
  return dark / (info.width * info.height);
}

describe("generated social image", () => {
  it("is a PNG of exactly the size of each shape", async () => {
    for (const [shape, size] of Object.entries(SOCIAL_IMAGE_SHAPES)) {
      const png = await renderSocialImage(seedCard, shape as keyof typeof SOCIAL_IMAGE_SHAPES);
      const metadata = await sharp(png).metadata();
      expect({ format: metadata.format, width: metadata.width, height: metadata.height }, shape).toEqual({ format: "png", ...size });
    }
  });

  it("draws Chinese with real CJK glyphs: a dense character has far more ink than a one-stroke one", async () => {
    const sparse = await titleInk(await renderSocialImage({ ...seedCard, kicker: null, title: "一".repeat(12) }, "og"));
    const dense = await titleInk(await renderSocialImage({ ...seedCard, kicker: null, title: "鬱".repeat(12) }, "og"));
    expect(sparse).toBeGreaterThan(0);
    // Measured with Noto Serif CJK: about 10x. Missing-glyph boxes give about 1x.
    expect(dense / sparse).toBeGreaterThan(4);
  });

  it("draws the seed headline with non-trivial ink in the title area", async () => {
    // Two lines of 64 px type: missing fonts or a failed text render leave the area blank.
    expect(await titleInk(await renderSocialImage({ ...seedCard, kicker: null }, "og"))).toBeGreaterThan(0.05);
  });

  it("wraps long titles inside the card in both scripts and treats markup in a title as text", async () => {
    for (const title of ["澜港".repeat(80), "electric ferries ".repeat(20), "</span><b>bold?</b> & <script>x</script>"]) {
      const png = await renderSocialImage({ ...seedCard, title, language: /[a-z]/.test(title) ? "en" : "zh-CN" }, "og");
      const metadata = await sharp(png).metadata();
      expect([metadata.width, metadata.height]).toEqual([1200, 630]);
      // Nothing drawn in the right margin: the text wrapped instead of running off the card.
      // (stats() reads its input, so the extract is materialised first.)
      const marginPixels = await sharp(png).extract({ left: 1130, top: 20, width: 70, height: 610 }).greyscale().png().toBuffer();
      const margin = await sharp(marginPixels).stats();
      expect(margin.channels[0]?.min).toBeGreaterThan(200);
      expect(await titleInk(png)).toBeGreaterThan(0.02);
    }
  });

  it("names each drawing by a hash of what it draws, and refuses other file names", () => {
    const path = getSocialImagePath({ kind: "article", slug: "some-story" }, "og", seedCard);
    expect(path).toMatch(/^\/social\/articles\/some-story\/og-[a-f0-9]{16}\.png$/);
    expect(getSocialCardVersion({ ...seedCard, title: `${seedCard.title}!` })).not.toBe(getSocialCardVersion(seedCard));
    expect(parseSocialImageFile(path.split("/").at(-1) ?? "")).toEqual({ shape: "og", version: getSocialCardVersion(seedCard) });
    for (const bad of ["og-123.png", "og-0123456789abcdef.svg", "2x1-0123456789abcdef.png", "../og-0123456789abcdef.png"]) {
      expect(parseSocialImageFile(bad)).toBeNull();
    }
  });
});
