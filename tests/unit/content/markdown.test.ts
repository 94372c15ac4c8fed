import { describe, expect, it } from "vitest";
import { type ImageToRender, renderMarkdown } from "@/lib/content/markdown";
import { isAllowedUrl } from "@/lib/content/sanitize-html";

const html = (markdown: string) => renderMarkdown(markdown).html;
const decodeAttribute = (value: string) =>
  value.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const readHrefs = (output: string) => [...output.matchAll(/\bhref="([^"]*)"/g)].map((match) => decodeAttribute(match[1] ?? ""));
/** The scheme a browser's URL parser finds: it deletes tabs and newlines and strips leading controls and spaces. */
function schemeAsBrowserReadsIt(url: string): string | undefined {
  const cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1]?.toLowerCase();
}
/** An href, src or action that would run or load script, in any case, after any whitespace. */
const dangerousAttribute = /\b(?:href|src|action|formaction)\s*=\s*["']?\s*(?:javascript|vbscript|data|file):/i;

describe("raw HTML in Markdown", () => {
  // Each of these used to be escaped into visible text; now the markup is sanitized away, and
  // nothing of it runs or shows to readers.
  it.each([
    ["<script>alert(1)</script>", ""],
    ['<img src="javascript:alert(1)" onerror="alert(1)">', ""],
    ['<iframe src="https://evil.example/"></iframe>', ""],
    ['Click <a href="javascript:alert(1)">here</a> now', "<p>Click here now</p>\n"],
    ['<div onclick="alert(1)">\nblock\n</div>', "<div>\nblock\n</div>"],
    ["<svg><script>alert(1)</script></svg>", "<p></p>\n"],
  ])("renders %j harmlessly, showing no markup", (markdown, expected) => {
    const output = html(markdown);
    expect(output).toBe(expected);
    expect(output).not.toMatch(/&lt;|<script|<svg|<iframe|\bon\w+=/i);
    expect(output).not.toMatch(dangerousAttribute);
  });

  it("keeps an <img> with a relative src, as an image without its handler", () => {
    const rendered = renderMarkdown('<img src=x onerror="alert(1)">');
    expect(rendered.html).toBe('<img src="x" alt="" loading="eager" decoding="async">');
    expect(rendered.images).toEqual([{ src: "x", alt: "", title: null }]);
  });

  it("hides an HTML comment instead of showing or passing it through", () => {
    expect(html("Before <!-- editor note --> after")).toBe("<p>Before  after</p>\n");
  });
});

describe("links", () => {
  it.each([
    ["https://example.com/a?b=1&c=2", "https://example.com/a?b=1&amp;c=2"],
    ["http://example.com/", "http://example.com/"],
    ["mailto:news@example.com", "mailto:news@example.com"],
    ["/articles/spark-3-0", "/articles/spark-3-0"],
    ["../images/a.jpg", "../images/a.jpg"],
    ["#section-2", "#section-2"],
  ])("keeps a link to %s", (url, href) => {
    expect(html(`Read [the report](${url}).`)).toBe(`<p>Read <a href="${href}">the report</a>.</p>\n`);
  });

  it.each([
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    " javascript:alert(1)",
    "<javascript:alert(1)>",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "&#106;avascript:alert(1)",
  ])("drops a link to %j but keeps its text", (url) => {
    expect(html(`Read [the report](${url}) today.`)).toBe("<p>Read the report today.</p>\n");
  });

  // markdown-it percent-encodes these, which leaves a harmless relative URL; what matters is
  // that no browser could read a script scheme out of the href.
  it.each(["<  javascript:alert(1)>", "java&#9;script:alert(1)", "java&#10;script:alert(1)"])(
    "never lets %j reach an href as a script URL",
    (url) => {
      const output = html(`Read [the report](${url}) today.`);
      expect(output).toContain("the report");
      for (const href of readHrefs(output)) expect(schemeAsBrowserReadsIt(href)).toBeOneOf([undefined, "http", "https", "mailto"]);
    },
  );

  it("drops a bad reference-style link and a bad autolink, keeping their text", () => {
    const output = html("See [the report][1] or <javascript:alert(2)>.\n\n[1]: javascript:alert(1)");
    expect(output).toBe("<p>See the report or javascript:alert(2).</p>\n");
  });

  it("keeps formatting inside a dropped link", () => {
    expect(html("[**bold** text](javascript:alert(1))")).toBe("<p><strong>bold</strong> text</p>\n");
  });

  it("keeps a good link after a dropped one in the same paragraph", () => {
    expect(html("[bad](javascript:x) and [good](https://example.com)")).toBe(
      '<p>bad and <a href="https://example.com">good</a></p>\n',
    );
  });

  it("escapes quotes in a link title so it cannot break out of the attribute", () => {
    const output = html('[x](https://example.com "a\\" onmouseover=\\"alert(1)")');
    expect(output).toBe('<p><a href="https://example.com" title="a&quot; onmouseover=&quot;alert(1)">x</a></p>\n');
  });

  it("links only what the author marked: bare URLs stay text, <angle> autolinks become links", () => {
    expect(html("See https://www.thepaper.cn/newsDetail_forward_25046014 now")).toBe(
      "<p>See https://www.thepaper.cn/newsDetail_forward_25046014 now</p>\n",
    );
    expect(html("<http://example.com>")).toBe('<p><a href="http://example.com">http://example.com</a></p>\n');
    expect(html("<javascript:alert(1)>")).not.toContain("href");
  });

  it("does not linkify other schemes", () => {
    expect(html("Files at ftp://files.example.com/report.pdf")).toBe("<p>Files at ftp://files.example.com/report.pdf</p>\n");
  });
});

describe("images", () => {
  it.each([
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
    "data:image/svg+xml,%3Csvg%20onload=alert(1)%3E",
  ])("drops an image from %j and shows its alt text instead", (src) => {
    const rendered = renderMarkdown(`![发布会现场](${src})`);
    expect(rendered.html).toBe("<p>发布会现场</p>\n");
    expect(rendered.images).toEqual([]);
  });

  it("renders an image alone in its paragraph as a figure captioned by its escaped title", () => {
    const rendered = renderMarkdown('![Spark launch](https://example.com/a.jpg "发布会 <现场> & \\"more\\"")');
    expect(rendered.html).toBe(
      '<figure><img src="https://example.com/a.jpg" alt="Spark launch" loading="eager" decoding="async">' +
        "<figcaption>发布会 &lt;现场&gt; &amp; &quot;more&quot;</figcaption></figure>\n",
    );
    expect(rendered.images).toEqual([{ src: "https://example.com/a.jpg", alt: "Spark launch", title: '发布会 <现场> & "more"' }]);
  });

  it("renders a standalone image without a title as a figure with no caption", () => {
    expect(html("![](https://example.com/a.jpg)")).toBe(
      '<figure><img src="https://example.com/a.jpg" alt="" loading="eager" decoding="async"></figure>\n',
    );
  });

  it("keeps an inline image inside its paragraph", () => {
    expect(html("Logo ![iFlytek](logo.png) here")).toBe(
      '<p>Logo <img src="logo.png" alt="iFlytek" loading="eager" decoding="async"> here</p>\n',
    );
  });

  it("escapes alt text", () => {
    expect(html('![a" onerror="alert(1)](a.jpg)')).toContain('alt="a&quot; onerror=&quot;alert(1)"');
  });

  it("keeps tags written in alt text as its words", () => {
    const rendered = renderMarkdown('![Underpass "Line 4" <east exit>](a.jpg)');
    expect(rendered.images).toEqual([{ src: "a.jpg", alt: 'Underpass "Line 4" <east exit>', title: null }]);
    expect(rendered.html).toContain('alt="Underpass &quot;Line 4&quot; &lt;east exit&gt;"');
  });

  it("loads the first image eagerly and the rest lazily", () => {
    const output = html("![one](1.jpg)\n\nText ![two](2.jpg)\n\n![three](3.jpg)");
    expect([...output.matchAll(/<img src="([^"]+)"[^>]* loading="(\w+)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ["1.jpg", "eager"],
      ["2.jpg", "lazy"],
      ["3.jpg", "lazy"],
    ]);
  });

  it("hands each image to renderImage with its index and whether it stands alone, and uses its HTML", () => {
    const seen: ImageToRender[] = [];
    const rendered = renderMarkdown('![first](a.jpg "Caption")\n\nInline ![second](b.jpg) image\n\n![third](c.jpg)', {
      renderImage: (image) => {
        seen.push(image);
        return image.index === 2 ? null : `<picture data-index="${image.index}"></picture>`;
      },
    });
    expect(seen).toEqual([
      { src: "a.jpg", alt: "first", title: "Caption", index: 0, standalone: true },
      { src: "b.jpg", alt: "second", title: null, index: 1, standalone: false },
      { src: "c.jpg", alt: "third", title: null, index: 2, standalone: true },
    ]);
    expect(rendered.html).toBe(
      '<picture data-index="0"></picture>\n' +
        '<p>Inline <picture data-index="1"></picture> image</p>\n' +
        '<figure><img src="c.jpg" alt="third" loading="lazy" decoding="async"></figure>\n',
    );
  });
});

describe("isAllowedUrl", () => {
  it.each<[string, boolean]>([
    ["https://example.com", true],
    ["HTTP://EXAMPLE.COM", true],
    ["mailto:news@example.com", true],
    ["/relative/path", true],
    ["relative/path.jpg", true],
    ["//cdn.example.com/a.jpg", true],
    ["#anchor", true],
    ["?page=2", true],
    ["", true],
    ["javascript:alert(1)", false],
    ["JAVASCRIPT:alert(1)", false],
    ["  javascript:alert(1)", false],
    ["\njavascript:alert(1)", false],
    ["vbscript:msgbox(1)", false],
    ["data:text/html,<script>alert(1)</script>", false],
    ["data:image/png;base64,AAAA", false],
    ["file:///etc/passwd", false],
    ["ftp://example.com/a", false],
    ["tel:+8610123", false],
  ])("%j → %s", (url, allowed) => {
    expect(isAllowedUrl(url)).toBe(allowed);
  });

  // Browsers delete tabs and newlines anywhere in a URL and strip leading control characters,
  // so each of these is a javascript: URL once it reaches an href.
  it.each(["java\tscript:alert(1)", "java\nscript:alert(1)", "\u0001javascript:alert(1)", "\u0000javascript:alert(1)"])(
    "refuses %j, which a browser reads as javascript:",
    (url) => {
      expect(isAllowedUrl(url)).toBe(false);
    },
  );
});

describe("raw HTML that needs no sanitizer", () => {
  it.each<[string, string]>([
    ["a<br>b<BR/>c", "<p>a<br />b<br />c</p>\n"],
    ["H<sub>2</sub>O and x<sup>1</sup>, <B>bold</B>, <kbd>Ctrl</kbd>", "<p>H<sub>2</sub>O and x<sup>1</sup>, <b>bold</b>, <kbd>Ctrl</kbd></p>\n"],
  ])("writes %j as the sanitizer would", (markdown, html) => {
    expect(renderMarkdown(markdown).html).toBe(html);
  });

  it.each<[string, string]>([
    ["an unclosed tag", "<b>open"],
    ["an attribute", '<b onclick="alert(1)">x</b>'],
    ["a tag outside the plain set", "<br><script>alert(1)</script>"],
    ["tags closed out of order", "<i><b>x</i></b>"],
  ])("still sends %s through the sanitizer", (_label, markdown) => {
    const { html } = renderMarkdown(markdown);
    expect(html).not.toMatch(/onclick|<script|alert\(1\)<\/script>/);
    // Balanced: every opened formatting tag is closed, in order.
    expect(html.match(/<(b|i)>/g)?.length ?? 0).toBe(html.match(/<\/(b|i)>/g)?.length ?? 0);
  });
});
