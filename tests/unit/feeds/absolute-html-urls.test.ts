import { describe, expect, it } from "vitest";
import { makeHtmlUrlsAbsolute } from "@/lib/feeds/absolute-html-urls";

const page = "https://news.example.com/articles/langang-marathon-2026";

describe("makeHtmlUrlsAbsolute", () => {
  it("resolves root-relative, document-relative and fragment links as the article page would", () => {
    expect(makeHtmlUrlsAbsolute(`<a href="/articles/other">x</a>`, page)).toBe(`<a href="https://news.example.com/articles/other">x</a>`);
    expect(makeHtmlUrlsAbsolute(`<a href="sibling">x</a>`, page)).toBe(`<a href="https://news.example.com/articles/sibling">x</a>`);
    expect(makeHtmlUrlsAbsolute(`<a href="../tags/local">x</a>`, page)).toBe(`<a href="https://news.example.com/tags/local">x</a>`);
    expect(makeHtmlUrlsAbsolute(`<a href="#results">x</a>`, page)).toBe(
      `<a href="https://news.example.com/articles/langang-marathon-2026#results">x</a>`,
    );
    expect(makeHtmlUrlsAbsolute(`<a href="//cdn.example.net/a.js">x</a>`, page)).toBe(`<a href="https://cdn.example.net/a.js">x</a>`);
  });

  it("rewrites an image's src and every srcset candidate, keeping the descriptors", () => {
    const html =
      `<picture><source type="image/avif" srcset="/media/ab/c-w320.avif 320w, /media/ab/c-w640.avif 640w" sizes="100vw">` +
      `<img src="/media/ab/c-w640.jpg" srcset="/media/ab/c-w320.jpg 320w,/media/ab/c-w640.jpg 640w" alt="日出时分的赛道" width="640" height="400"></picture>`;
    expect(makeHtmlUrlsAbsolute(html, page)).toBe(
      `<picture><source type="image/avif" srcset="https://news.example.com/media/ab/c-w320.avif 320w, https://news.example.com/media/ab/c-w640.avif 640w" sizes="100vw">` +
        `<img src="https://news.example.com/media/ab/c-w640.jpg" srcset="https://news.example.com/media/ab/c-w320.jpg 320w, https://news.example.com/media/ab/c-w640.jpg 640w" alt="日出时分的赛道" width="640" height="400"></picture>`,
    );
  });

  it("reads srcset candidates with density descriptors, no descriptor, and commas inside URLs", () => {
    expect(makeHtmlUrlsAbsolute(`<img srcset="a.jpg, b.jpg 2x, /c,d.jpg 3x" src="a.jpg">`, page)).toBe(
      `<img srcset="https://news.example.com/articles/a.jpg, https://news.example.com/articles/b.jpg 2x, https://news.example.com/c,d.jpg 3x" src="https://news.example.com/articles/a.jpg">`,
    );
  });

  it("leaves absolute URLs of any scheme exactly as they were", () => {
    const html =
      `<a href="https://m.thepaper.cn/detail/25046014" rel="nofollow">澎湃</a><a href="mailto:desk@example.com">m</a>` +
      `<img src="https://images.example.com/x.jpg?w=1&amp;h=2" alt="">`;
    expect(makeHtmlUrlsAbsolute(html, page)).toBe(html);
  });

  it("keeps escaped characters escaped and never rewrites text that only looks like an attribute", () => {
    expect(makeHtmlUrlsAbsolute(`<a href="/search?q=a&amp;b=&quot;c&quot;">x</a>`, page)).toBe(
      `<a href="https://news.example.com/search?q=a&amp;b=%22c%22">x</a>`,
    );
    const text = `<p>Set src="/x" and href=/y in &lt;img src="/z"&gt;</p><img alt="a src=/evil" src="/media/k.jpg">`;
    expect(makeHtmlUrlsAbsolute(text, page)).toBe(
      `<p>Set src="/x" and href=/y in &lt;img src="/z"&gt;</p><img alt="a src=/evil" src="https://news.example.com/media/k.jpg">`,
    );
  });

  it("handles single-quoted and unquoted values and upper-case attribute names", () => {
    expect(makeHtmlUrlsAbsolute(`<a HREF='/a'>x</a><img src=/b.png>`, page)).toBe(
      `<a HREF="https://news.example.com/a">x</a><img src="https://news.example.com/b.png">`,
    );
  });

  it("resolves against a site that lives under a path", () => {
    expect(makeHtmlUrlsAbsolute(`<a href="other">x</a>`, "https://example.com/news/articles/a")).toBe(
      `<a href="https://example.com/news/articles/other">x</a>`,
    );
  });

  it("stays fast on a long unterminated tag", () => {
    const hostile = `<a ${"b c=d ".repeat(20_000)}`;
    const started = performance.now();
    expect(makeHtmlUrlsAbsolute(hostile, page)).toBe(hostile);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
