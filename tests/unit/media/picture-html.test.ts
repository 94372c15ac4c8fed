import { describe, expect, it } from "vitest";
import { renderPendingImageHtml, renderPictureHtml, type PictureImage } from "@/lib/media/picture-html";
import { buildVariantKey, planVariants } from "@/lib/media/variants";

const HASH = "0f".repeat(32);
const PLACEHOLDER = "data:image/webp;base64,UklGRjIAAABXRUJQVlA4ICYAAACyAgCdASoQAAsAAUAmJaQAA3AA/vuUAAA=";

function image(width = 2400, height = 1600): PictureImage {
  return {
    width,
    height,
    placeholder: PLACEHOLDER,
    variants: planVariants(width, height).map((variant) => ({
      ...variant,
      key: buildVariantKey(HASH, variant.format, variant.width),
      bytes: 1000,
    })),
  };
}

function attribute(html: string, element: string, name: string): string | undefined {
  const tag = new RegExp(`<${element}\\b[^>]*>`).exec(html)?.[0] ?? "";
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

describe("renderPictureHtml", () => {
  it("offers AVIF, then WebP, then a JPEG <img> with every width", () => {
    const html = renderPictureHtml({ image: image(), alt: "Spark 3.0 launch", eager: false });
    expect(html.startsWith("<picture>")).toBe(true);
    expect(html.indexOf('type="image/avif"')).toBeLessThan(html.indexOf('type="image/webp"'));
    expect(html.indexOf('type="image/webp"')).toBeLessThan(html.indexOf("<img"));
    expect(attribute(html, "source", "srcset")).toBe(
      [320, 640, 960, 1280, 1920].map((width) => `/media/0f/${HASH}/w${width}.avif ${width}w`).join(", "),
    );
    expect(attribute(html, "img", "srcset")).toContain(`/media/0f/${HASH}/w1920.jpg 1920w`);
    expect(attribute(html, "img", "src")).toBe(`/media/0f/${HASH}/w960.jpg`);
    expect(attribute(html, "img", "width")).toBe("2400");
    expect(attribute(html, "img", "height")).toBe("1600");
    expect(attribute(html, "img", "alt")).toBe("Spark 3.0 launch");
  });

  it("gives every <source> the sizes too, since browsers assume 100vw without it", () => {
    const html = renderPictureHtml({ image: image(), alt: "", eager: false });
    const sizes = [...html.matchAll(/sizes="([^"]*)"/g)].map((match) => match[1]);
    expect(sizes).toEqual(["(min-width: 768px) 720px, 100vw", "(min-width: 768px) 720px, 100vw", "(min-width: 768px) 720px, 100vw"]);
  });

  it("loads lazily by default and eagerly with high priority for the lead image", () => {
    const lazy = renderPictureHtml({ image: image(), alt: "", eager: false });
    expect(attribute(lazy, "img", "loading")).toBe("lazy");
    expect(attribute(lazy, "img", "fetchpriority")).toBeUndefined();
    const eager = renderPictureHtml({ image: image(), alt: "", eager: true });
    expect(attribute(eager, "img", "loading")).toBe("eager");
    expect(attribute(eager, "img", "fetchpriority")).toBe("high");
  });

  it("paints the blurred placeholder behind the image", () => {
    const html = renderPictureHtml({ image: image(), alt: "", eager: false });
    expect(attribute(html, "img", "style")).toBe(`background-image:url(${PLACEHOLDER});background-size:cover`);
  });

  it("drops a placeholder that is not a base64 image data URI instead of letting it into CSS", () => {
    const hostile = { ...image(), placeholder: 'data:image/webp;base64,AAA);background:url(https://evil.test/x' };
    const html = renderPictureHtml({ image: hostile, alt: "", eager: false });
    expect(html).not.toContain("evil.test");
    expect(attribute(html, "img", "style")).toBeUndefined();
  });

  it("escapes alt text and caption so they cannot inject markup", () => {
    const html = renderPictureHtml({
      image: image(),
      alt: `"><script>alert(1)</script>`,
      caption: `Photo: <b>"Li" & 'Wang'</b>`,
      eager: false,
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(attribute(html, "img", "alt")).toBe("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("<figcaption>Photo: &lt;b&gt;&quot;Li&quot; &amp; &#39;Wang&#39;&lt;/b&gt;</figcaption>");
    expect(html.startsWith("<figure><picture>")).toBe(true);
  });

  it("has no <figure> without a caption, so it stays valid inside a paragraph", () => {
    expect(renderPictureHtml({ image: image(), alt: "x", eager: false, caption: null })).not.toContain("<figure");
  });

  it("escapes a custom sizes and media base URL", () => {
    const html = renderPictureHtml({
      image: image(),
      alt: "",
      eager: false,
      sizes: `100vw" onerror="alert(1)`,
      mediaBaseUrl: "https://cdn.example.com/media/",
    });
    expect(html).not.toContain('" onerror="');
    expect(attribute(html, "img", "src")).toBe(`https://cdn.example.com/media/0f/${HASH}/w960.jpg`);
  });

  it("leaves out variants whose keys could break a srcset", () => {
    const base = image(640, 480);
    const hostile = {
      ...base,
      variants: [...base.variants, { format: "jpeg" as const, width: 9, height: 9, key: "x.jpg 9w, javascript:alert(1)", bytes: 1 }],
    };
    expect(renderPictureHtml({ image: hostile, alt: "", eager: false })).not.toContain("javascript:");
  });

  it("uses the only width there is for a small original", () => {
    const html = renderPictureHtml({ image: image(200, 100), alt: "", eager: false });
    expect(attribute(html, "img", "src")).toBe(`/media/0f/${HASH}/w200.jpg`);
    expect(attribute(html, "img", "srcset")).toBe(`/media/0f/${HASH}/w200.jpg 200w`);
  });

  it("never emits an <img> when there is nothing to show", () => {
    const html = renderPictureHtml({ image: { ...image(), variants: [] }, alt: "A chart", eager: false });
    expect(html).not.toContain("<img");
    expect(html).toContain("A chart");
  });
});

describe("renderPendingImageHtml", () => {
  it("shows the alt text and links to the source in a box of the image's shape", () => {
    const html = renderPendingImageHtml({
      alt: "讯飞星火 3.0 发布会",
      sourceUrl: "https://image.thepaper.cn/a.jpg?x=1&y=2",
      width: 1200,
      height: 800,
    });
    expect(html).not.toContain("<img");
    expect(html).toContain("讯飞星火 3.0 发布会");
    expect(html).toContain('href="https://image.thepaper.cn/a.jpg?x=1&amp;y=2"');
    expect(html).toContain("aspect-ratio:1200 / 800");
  });

  it("falls back to 16/9 without known dimensions", () => {
    expect(renderPendingImageHtml({ alt: "", sourceUrl: "https://a.test/x.jpg" })).toContain("aspect-ratio:16 / 9");
    expect(renderPendingImageHtml({ alt: "", sourceUrl: "https://a.test/x.jpg", width: 0, height: 5 })).toContain(
      "aspect-ratio:16 / 9",
    );
  });

  it("links only to http(s) sources", () => {
    for (const sourceUrl of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "not a url"]) {
      const html = renderPendingImageHtml({ alt: "x", sourceUrl });
      expect(html, sourceUrl).not.toContain("<a");
      expect(html, sourceUrl).not.toContain("<script");
    }
  });

  it("escapes alt text and reason", () => {
    const html = renderPendingImageHtml({
      alt: `<img src=x onerror=alert(1)>`,
      sourceUrl: `https://a.test/"><script>alert(1)</script>`,
      reason: "<script>alert(2)</script>",
    });
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
  });

  it("shows the reason only when one is passed", () => {
    expect(renderPendingImageHtml({ alt: "x", sourceUrl: "https://a.test/x.jpg" })).not.toContain("media-pending-reason");
    expect(renderPendingImageHtml({ alt: "x", sourceUrl: "https://a.test/x.jpg", reason: "HTTP 404" })).toContain("HTTP 404");
  });
});
