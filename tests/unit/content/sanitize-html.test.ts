import MarkdownIt from "markdown-it";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ImageToRender, renderMarkdown } from "@/lib/content/markdown";
import { createNonce, fillSlots, sanitizeArticleHtml, trustedPlaceholder } from "@/lib/content/sanitize-html";
import { parseVideoEmbed } from "@/lib/content/video-embeds";
import { VIDEO_PROVIDERS, type VideoProvider, parseVideoProviders } from "@/lib/content/video-providers";

const html = (markdown: string, videoEmbeds: readonly VideoProvider[] = VIDEO_PROVIDERS) => renderMarkdown(markdown, { videoEmbeds }).html;

/** Nothing in `output` runs script, loads a document, submits, or shows escaped markup to readers. */
function expectHarmless(output: string): void {
  expect(output).not.toMatch(
    /<(?:script|style|svg|math|iframe|object|embed|applet|form|input|button|base|meta|link|template|noscript|textarea|select|option|xmp|title|frame|frameset)\b/i,
  );
  expect(output).not.toMatch(/\son[a-z]+\s*=/i);
  expect(output).not.toMatch(/(?:javascript|vbscript|data|file):/i);
  expect(output).not.toContain("&lt;");
  expect(output).not.toContain("__pwned");
}

const decode = (value: string) => value.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The attributes of each video embed in `output`, and the link under it. */
function readEmbeds(output: string): Array<{ provider: string; attributes: Map<string, string>; link: string; linkText: string }> {
  const pattern =
    /<figure class="video-embed" data-video-provider="(\w+)"><iframe ([^>]*)><\/iframe><figcaption><a href="([^"]*)" rel="noopener noreferrer nofollow">([^<]*)<\/a>[^<]*<\/figcaption><\/figure>/g;
  return [...output.matchAll(pattern)].map((match) => ({
    provider: match[1] ?? "",
    attributes: new Map([...(match[2] ?? "").matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].map((attribute) => [attribute[1] ?? "", decode(attribute[2] ?? "")])),
    link: decode(match[3] ?? ""),
    linkText: decode(match[4] ?? ""),
  }));
}

describe("the allowlist", () => {
  it("keeps a table with its caption, header cells and spans", () => {
    const table =
      '<table class="grid" border="1"><caption>High water</caption><thead><tr><th scope="col">Day</th><th scope="col" width="50">Time</th></tr></thead>' +
      '<tbody><tr><td>Mon</td><td>06:12</td></tr><tr><td colspan="2" rowspan="1">No readings</td></tr></tbody><tfoot><tr><td>x</td><td>y</td></tr></tfoot></table>';
    expect(html(table)).toBe(
      '<table><caption>High water</caption><thead><tr><th scope="col">Day</th><th scope="col">Time</th></tr></thead>' +
        '<tbody><tr><td>Mon</td><td>06:12</td></tr><tr><td colspan="2" rowspan="1">No readings</td></tr></tbody><tfoot><tr><td>x</td><td>y</td></tr></tfoot></table>',
    );
  });

  it("keeps figure and figcaption, and details and summary with Markdown inside", () => {
    expect(html("<figure>\n<blockquote>Quoted</blockquote>\n<figcaption>Who said it</figcaption>\n</figure>")).toBe(
      "<figure>\n<blockquote>Quoted</blockquote>\n<figcaption>Who said it</figcaption>\n</figure>",
    );
    expect(html("<details open>\n<summary>More</summary>\n\nA **bold** claim.\n\n</details>")).toBe(
      "<details open>\n<summary>More</summary>\n<p>A <strong>bold</strong> claim.</p>\n</details>",
    );
  });

  it("keeps inline formatting: sup, sub, br, kbd, abbr, time, ruby, mark, del and ins", () => {
    const inline =
      'x<sup>2</sup> H<sub>2</sub>O<br>next <kbd>Ctrl</kbd> <abbr title="World Health Organization">WHO</abbr> ' +
      '<time datetime="2019-03-05">5 March</time> <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby> <mark>m</mark> <del>d</del><ins>i</ins>';
    expect(html(inline)).toBe(
      "<p>x<sup>2</sup> H<sub>2</sub>O<br />next <kbd>Ctrl</kbd> <abbr title=\"World Health Organization\">WHO</abbr> " +
        '<time datetime="2019-03-05">5 March</time> <ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby> <mark>m</mark> <del>d</del><ins>i</ins></p>\n',
    );
  });

  it("turns <center> and align attributes into centred text", () => {
    expect(html("<center>Published every Monday</center>")).toBe('<div style="text-align:center">Published every Monday</div>');
    expect(html('<p align="center">Centred</p><td align="RIGHT">x</td>')).toContain('<p style="text-align:center">Centred</p>');
    expect(html('<div align="center" style="position:fixed">x</div>')).toBe('<div style="text-align:center">x</div>');
  });

  it("keeps a div used as a caption under an image", () => {
    const rendered = renderMarkdown('<div align="center"><img src="chart.png" alt="Chart"><br>Figure 1: rainfall</div>');
    expect(rendered.html).toBe('<div style="text-align:center"><img src="chart.png" alt="Chart" loading="eager" decoding="async"><br />Figure 1: rainfall</div>');
    expect(rendered.images).toEqual([{ src: "chart.png", alt: "Chart", title: null }]);
  });

  it("keeps list numbering", () => {
    expect(html('<ol start="3" reversed type="i" onclick="x"><li>c</li></ol>')).toBe('<ol start="3" reversed type="i"><li>c</li></ol>');
  });

  it("drops unknown tags but keeps their text", () => {
    expect(html('<font color="red" face="SimSun">红色</font> <strike>old</strike> <tt>mono</tt>')).toBe(
      "<p>红色 <s>old</s> <code>mono</code></p>\n",
    );
  });
});

describe("attributes", () => {
  it("strips event handlers, ids, classes and data attributes, keeping dir and lang", () => {
    expect(html('<p onclick="alert(1)" onmouseover="alert(2)" id="main" class="fixed inset-0" data-x="1" lang="fr" dir="rtl">Bonjour</p>')).toBe(
      '<p lang="fr" dir="rtl">Bonjour</p>',
    );
  });

  it("keeps text-align and nothing else of a style", () => {
    expect(html('<div style="position:fixed;inset:0;z-index:9999;opacity:0;display:block;background:url(x.png);text-align: right">r</div>')).toBe(
      '<div style="text-align:right">r</div>',
    );
    expect(html('<div style="position:absolute;top:0">x</div><span style="text-align:middle">y</span>')).toBe("<div>x</div><span>y</span>");
  });

  it("keeps the language class Markdown gives fenced code", () => {
    expect(html('```js\nlet a = 1;\n```\n\n<code class="language-js evil">b</code>')).toBe(
      '<pre><code class="language-js">let a = 1;\n</code></pre>\n<p><code class="language-js">b</code></p>\n',
    );
  });

  it("marks external links written in HTML nofollow, but not relative ones or Markdown's own", () => {
    const output = html(
      '<a href="https://example.com/a" target="_blank" rel="opener" onclick="x">abs</a> <a href="//cdn.example.com/">pr</a> ' +
        '<a href="/articles/x" title="T">rel</a> [md](https://example.com/md)',
    );
    expect(output).toBe(
      '<p><a href="https://example.com/a" rel="noopener noreferrer nofollow">abs</a> <a href="//cdn.example.com/" rel="noopener noreferrer nofollow">pr</a> ' +
        '<a href="/articles/x" title="T">rel</a> <a href="https://example.com/md">md</a></p>\n',
    );
  });

  it("unwraps a link without an href, keeping its text", () => {
    expect(html('<a name="top">Top</a> <a href="">empty</a>')).toBe("<p>Top empty</p>\n");
  });
});

describe("dangerous URLs", () => {
  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#10;script:alert(1)",
    "&#x01;javascript:alert(1)",
    " javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
  ])("drops a link to %j, keeping its text, and an image from it", (url) => {
    const rendered = renderMarkdown(`Read <a href="${url}">the report</a> <img src="${url}" alt="pic"> today.`);
    expect(rendered.html).toBe("<p>Read the report  today.</p>\n");
    expect(rendered.images).toEqual([]);
  });
});

describe("dropped with everything inside", () => {
  it.each([
    ["<svg onload=alert(1)>", '<svg onload="alert(1)"><circle r="1"/><text>svg text</text></svg>'],
    ["an SVG animation to a javascript: href", '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>go</text></a></svg>'],
    ["the <math> mutation", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"],
    ["a <math> href", '<math href="javascript:alert(1)">CLICKME</math>'],
    ["the <noscript> mutation", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
    ["<noscript><style>", "<noscript><style></noscript><img src=x onerror=alert(1)>"],
    ["<template>", "<template><img src=x onerror=alert(1)>template text</template>"],
    ["<textarea>", "<textarea><img src=x onerror=alert(1)>textarea text</textarea>"],
    ["<xmp>", "<xmp><img src=x onerror=alert(1)>xmp text</xmp>"],
    ["<select>", "<select><option>option text</option></select>"],
    ["<style>", "<style>body { display: none }</style>"],
    ["<script>", '<script>document.location = "https://example.invalid/"</script>'],
    ["<iframe src=javascript:>", '<iframe src="javascript:alert(1)">frame text</iframe>'],
    ["<iframe srcdoc>", '<iframe srcdoc="<script>alert(1)</script>" src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>'],
    ["<base href>", '<base href="https://example.invalid/">'],
    ["<meta http-equiv=refresh>", '<meta http-equiv="refresh" content="0;url=https://example.invalid">'],
    ["<link>", '<link rel="stylesheet" href="https://example.invalid/x.css">'],
    ["<form action>", '<form action="https://example.invalid/"><input name="q" autofocus onfocus="alert(1)"><button formaction="javascript:alert(1)">Log in</button></form>'],
    ["<object>", '<object data="https://example.invalid/x.swf"><param name="a" value="b">object text</object>'],
    ["<embed>", '<embed src="https://example.invalid/x.swf">'],
    ["<applet>", '<applet code="X.class">applet text</applet>'],
    ["<title> and <head>", "<head><title>title text</title></head>"],
    ["<frameset>", '<frameset><frame src="https://example.invalid/"></frameset>'],
    ["<video> and <audio>", '<video src="a.mp4" poster="javascript:alert(1)">video text</video><audio src="a.mp3"><source src="b.mp3"></audio>'],
  ])("drops %s", (_name, markup) => {
    const rendered = renderMarkdown(`Before.\n\n${markup}\n\nAfter.`);
    expectHarmless(rendered.html);
    expect(rendered.html).toMatch(/^<p>Before\.<\/p>\n/);
    expect(rendered.html).not.toMatch(/svg text|go<|CLICKME|template text|textarea text|xmp text|option text|frame text|Log in|object text|applet text|title text|video text/);
    expect(rendered.images).toEqual([]);
  });

  // </p> ends the <svg> (as in browsers), so the <img> after </style> is a real one: it stays, as a
  // plain image without its handler.
  it("defuses an SVG <style> mutation", () => {
    const rendered = renderMarkdown('<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">');
    expect(rendered.html).toBe('<p></p><img src="1" alt="" loading="eager" decoding="async">"&gt;<p></p>\n');
    expect(rendered.images).toEqual([{ src: "1", alt: "", title: null }]);
  });

  it("keeps what follows a dropped element in the same block", () => {
    expect(html('<div><iframe src="https://example.invalid/"></iframe><span>kept</span><object data="x"></object><b>also kept</b></div>')).toBe(
      "<div><span>kept</span><b>also kept</b></div>",
    );
  });
});

describe("video embeds", () => {
  const sandbox = "allow-scripts allow-same-origin allow-presentation allow-popups";

  it.each<[string, VideoProvider, string, string]>([
    ["https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1&list=PL1", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
    ["//www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
    ["https://player.vimeo.com/video/76979871?h=8272103f6e&autoplay=1", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1", "https://vimeo.com/76979871"],
    ["https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1", "https://vimeo.com/76979871"],
    [
      "//player.bilibili.com/player.html?bvid=BV1GJ411x7h7&cid=137649199&page=1&autoplay=1",
      "bilibili",
      "https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&autoplay=0",
      "https://www.bilibili.com/video/BV1GJ411x7h7",
    ],
    ["//player.bilibili.com/player.html?aid=170001&cid=279786&page=1", "bilibili", "https://player.bilibili.com/player.html?aid=170001&autoplay=0", "https://www.bilibili.com/video/av170001"],
    ["https://player.youku.com/embed/XNDU5MjM4NzY0MA==", "youku", "https://player.youku.com/embed/XNDU5MjM4NzY0MA==", "https://v.youku.com/v_show/id_XNDU5MjM4NzY0MA==.html"],
    ["https://v.qq.com/txp/iframe/player.html?vid=g0034abcdef", "tencent", "https://v.qq.com/txp/iframe/player.html?vid=g0034abcdef", "https://v.qq.com/x/page/g0034abcdef.html"],
    ["http://v.qq.com/iframe/player.html?vid=g0034abcdef&tiny=0&auto=1", "tencent", "https://v.qq.com/txp/iframe/player.html?vid=g0034abcdef", "https://v.qq.com/x/page/g0034abcdef.html"],
  ])("rebuilds %s as a sandboxed %s player with a link to the video", (src, provider, embedUrl, watchUrl) => {
    const markup = `<iframe width="560" height="315" src="${src.replace(/&/g, "&amp;")}" frameborder="0" allow="autoplay" allowfullscreen onload="alert(1)" style="position:fixed"></iframe>`;
    const output = html(`Watch:\n\n${markup}\n\nThen read on.`);
    const embeds = readEmbeds(output);
    expect(embeds).toHaveLength(1);
    const [embed] = embeds;
    expect(embed?.provider).toBe(provider);
    expect(Object.fromEntries(embed?.attributes ?? [])).toEqual({
      src: embedUrl,
      title: parseVideoEmbed(src, [provider])?.providerName,
      sandbox,
      loading: "lazy",
      allowfullscreen: "",
      referrerpolicy: "strict-origin-when-cross-origin",
      allow: "encrypted-media; fullscreen; picture-in-picture",
    });
    expect(embed?.link).toBe(watchUrl);
    expect(output).not.toMatch(/allow-top-navigation|allow-forms|onload|position|autoplay=1/);
    expect(output).toMatch(/^<p>Watch:<\/p>\n<figure class="video-embed"/);
    expect(output).toMatch(/<\/figure>\n<p>Then read on\.<\/p>\n$/);
  });

  it("uses the author's title, escaped, for the player and its link", () => {
    const [embed] = readEmbeds(html(`<iframe src="https://youtu.be/dQw4w9WgXcQ" title='Tides "explained" <b>now</b> &amp; then'></iframe>`));
    expect(embed?.attributes.get("title")).toBe('Tides "explained" <b>now</b> & then');
    expect(embed?.linkText).toBe('Tides "explained" <b>now</b> & then');
  });

  it("names the video by its address when the author gave no title", () => {
    const [embed] = readEmbeds(html('<iframe src="https://vimeo.com/76979871"></iframe>'));
    expect(embed?.attributes.get("title")).toBe("Vimeo");
    expect(embed?.linkText).toBe("vimeo.com/76979871");
  });

  it.each([
    "https://example.invalid/embed/dQw4w9WgXcQ",
    "https://www.youtube.com.example.invalid/embed/dQw4w9WgXcQ",
    "https://example.invalid/?u=https://www.youtube.com/embed/dQw4w9WgXcQ",
    "https://user:secret@www.youtube.com/embed/dQw4w9WgXcQ",
    "https://www.youtube.com:8443/embed/dQw4w9WgXcQ",
    "https://www.youtube.com/embed/short",
    "https://www.youtube.com/embed/dQw4w9WgXcQ/../../redirect",
    "https://www.youtube-nocookie.com/watch?v=dQw4w9WgXcQ",
    "javascript://www.youtube.com/embed/dQw4w9WgXcQ",
    "ftp://www.youtube.com/embed/dQw4w9WgXcQ",
    "https://player.vimeo.com/video/abc",
    "https://player.bilibili.com/player.html?bvid=<script>",
    "https://player.bilibili.com/other.html?bvid=BV1GJ411x7h7",
    "https://player.youku.com/embed/<x>",
    "https://v.qq.com/x/page/g0034abcdef.html",
    "https://v.qq.com/txp/iframe/player.html?vid=a'b",
    "",
  ])("drops an iframe from %j entirely", (src) => {
    expect(parseVideoEmbed(src, VIDEO_PROVIDERS)).toBeNull();
    const output = html(`<p>Before <iframe src="${src}">fallback</iframe> after</p>`);
    expect(output).toBe("<p>Before  after</p>");
  });

  it("drops every iframe when no provider is allowed (VIDEO_EMBEDS=none)", () => {
    const markdown = '<iframe src="https://youtu.be/dQw4w9WgXcQ"></iframe>\n\n<iframe src="//player.bilibili.com/player.html?aid=170001"></iframe>';
    expect(html(markdown, [])).toBe("\n");
    expect(readEmbeds(html(markdown, ["bilibili"])).map((embed) => embed.provider)).toEqual(["bilibili"]);
  });
});

describe("VIDEO_EMBEDS", () => {
  it.each<[string, VideoProvider[]]>([
    ["", [...VIDEO_PROVIDERS]],
    ["none", []],
    [" YouTube , bilibili ", ["youtube", "bilibili"]],
    ["tencent,youku,vimeo", ["vimeo", "youku", "tencent"]],
  ])("reads %j", (value, providers) => {
    expect(parseVideoProviders(value)).toEqual({ providers });
  });

  it.each(["youtube,flash", "none,youtube"])("refuses %j, naming the valid providers", (value) => {
    expect(parseVideoProviders(value)).toEqual({
      error: expect.stringMatching(/^unknown video provider "(?:flash|none)"; use a comma-separated list of youtube, vimeo, bilibili, youku, tencent, or none$/),
    });
  });

  describe("in the environment", () => {
    const before = process.env.VIDEO_EMBEDS;
    afterEach(() => {
      if (before === undefined) delete process.env.VIDEO_EMBEDS;
      else process.env.VIDEO_EMBEDS = before;
      vi.resetModules();
    });

    it("defaults to every provider", async () => {
      delete process.env.VIDEO_EMBEDS;
      vi.resetModules();
      expect((await import("@/lib/env")).env.VIDEO_EMBEDS).toEqual([...VIDEO_PROVIDERS]);
    });

    it("is what the renderer allows when its caller names no providers", async () => {
      process.env.VIDEO_EMBEDS = "vimeo";
      vi.resetModules();
      const markdown = await import("@/lib/content/markdown");
      const output = markdown.renderMarkdown('<iframe src="https://youtu.be/dQw4w9WgXcQ"></iframe>\n\n<iframe src="https://vimeo.com/76979871"></iframe>').html;
      expect(readEmbeds(output).map((embed) => embed.provider)).toEqual(["vimeo"]);
    });

    it("fails a render that needs it when it names an unknown provider", async () => {
      process.env.VIDEO_EMBEDS = "flash";
      vi.resetModules();
      const markdown = await import("@/lib/content/markdown");
      expect(markdown.renderMarkdown("No HTML, no need to read it.").html).toBe("<p>No HTML, no need to read it.</p>\n");
      expect(() => markdown.renderMarkdown("<br>")).toThrow('Invalid environment: VIDEO_EMBEDS: unknown video provider "flash"');
    });

    it("is an environment error for an unknown provider", async () => {
      process.env.VIDEO_EMBEDS = "youtube,flash";
      vi.resetModules();
      await expect(import("@/lib/env")).rejects.toThrow(
        'Invalid environment: VIDEO_EMBEDS: unknown video provider "flash"; use a comma-separated list of youtube, vimeo, bilibili, youku, tencent, or none',
      );
    });
  });
});

describe("images in raw HTML", () => {
  const markdown = [
    '![one](1.jpg "First")',
    'Before <img src="2.jpg" alt="Two" title="Second" width="10" onerror="alert(1)"> and ![three](3.jpg) inline.',
    "<div>\n\n![four](4.jpg)\n\n</div>",
    '<img src="javascript:alert(1)" alt="refused"><form><img src="in-form.jpg"></form>',
    '<picture><source srcset="5.webp" type="image/webp"><img src="5.jpg" alt="Five"></picture>',
    "Last ![six](6.jpg)",
  ].join("\n\n");

  it("go through renderImage with Markdown's, numbered in the order they appear", () => {
    const seen: ImageToRender[] = [];
    const rendered = renderMarkdown(markdown, {
      renderImage: (image) => {
        seen.push(image);
        return `<span style="display:flex" data-index="${image.index}"></span>`;
      },
    });
    expect(seen).toEqual([
      { src: "1.jpg", alt: "one", title: "First", index: 0, standalone: true },
      { src: "2.jpg", alt: "Two", title: "Second", index: 1, standalone: false },
      { src: "3.jpg", alt: "three", title: null, index: 2, standalone: false },
      { src: "4.jpg", alt: "four", title: null, index: 3, standalone: true },
      { src: "5.jpg", alt: "Five", title: null, index: 4, standalone: false },
      { src: "6.jpg", alt: "six", title: null, index: 5, standalone: false },
    ]);
    expect(rendered.images).toEqual(seen.map(({ src, alt, title }) => ({ src, alt, title })));
    // renderImage's HTML is ours: it keeps the inline style the allowlist would drop.
    expect([...rendered.html.matchAll(/<span style="display:flex" data-index="(\d)"><\/span>/g)].map((match) => match[1])).toEqual(["0", "1", "2", "3", "4", "5"]);
    expect(rendered.html).not.toMatch(/data-inkstone|srcset|5\.webp|in-form|refused|onerror/);
  });

  it("give the same list on every render, as ingest's two renders need", () => {
    expect(renderMarkdown(markdown).images).toEqual(renderMarkdown(markdown, { renderImage: () => "<b>x</b>" }).images);
    expect(renderMarkdown(markdown).html).toBe(renderMarkdown(markdown).html);
  });

  it("are drawn as plain images without renderImage, the first eager", () => {
    expect(html('<p><img src="a b.jpg" alt="A &amp; B"></p>\n\n![c](c.jpg)')).toBe(
      '<p><img src="a%20b.jpg" alt="A &amp; B" loading="eager" decoding="async"></p>\n' +
        '<figure><img src="c.jpg" alt="c" loading="lazy" decoding="async"></figure>\n',
    );
  });
});

describe("placeholders", () => {
  it("cannot be forged by author HTML", () => {
    const seen: string[] = [];
    const forged = [
      '<img data-inkstone-trusted="00000000000000000000000000000000-0">',
      '<img data-inkstone-slot="00000000000000000000000000000000-0" src="slot.jpg">',
      '<img data-inkstone-slot="00000000000000000000000000000000-0" />',
      "&lt;img data-inkstone-slot=&quot;0-0&quot; /&gt;",
    ].join(" ");
    const rendered = renderMarkdown(`![real](real.jpg)\n\n<p>${forged}</p>\n\nAs text: \`<img data-inkstone-trusted="0-0">\``, {
      renderImage: (image) => {
        seen.push(image.src);
        return `<picture data-src="${image.src}"></picture>`;
      },
    });
    expect(seen).toEqual(["real.jpg", "slot.jpg"]);
    expect(rendered.html).toBe(
      '<picture data-src="real.jpg"></picture><p> <picture data-src="slot.jpg"></picture>  &lt;img data-inkstone-slot="0-0" /&gt;</p>\n' +
        '<p>As text: <code>&lt;img data-inkstone-trusted=&quot;0-0&quot;&gt;</code></p>\n',
    );
  });

  it("carry a fresh secret each call, and only this call's is trusted", () => {
    const nonce = createNonce();
    // A keyed hash of a counter: 160 bits, none of them predictable from an earlier nonce.
    expect(nonce).toMatch(/^[0-9a-f]{40}$/);
    expect(createNonce()).not.toBe(nonce);
    const sanitized = sanitizeArticleHtml(`<p>${trustedPlaceholder(nonce, 7)}${trustedPlaceholder(createNonce(), 8)}<img src="a.jpg" alt="A"></p>`, {
      nonce,
      videoEmbeds: [],
    });
    expect(sanitized.slots).toEqual([
      { kind: "trusted", key: 7 },
      { kind: "image", image: { src: "a.jpg", alt: "A", title: null } },
    ]);
    expect(fillSlots(sanitized, (slot) => (slot.kind === "trusted" ? `<i style="x">${slot.key}</i>` : "<img>"))).toBe('<p><i style="x">7</i><img></p>');
  });
});

describe("without raw HTML", () => {
  const plain = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const documents = [
    '# Title\n\nA paragraph with *emphasis*, **strong**, `code <b>`, and a [link](https://example.com/a?b=1&c=2 "T").',
    "- one\n- two\n  1. nested\n\n> a quote with \"quotes\" & ampersands\n\n---\n\n```html\n<div>not html</div>\n```",
    "| a | b |\n|:-|-:|\n| 1 | 2 |\n\n    indented <b>code</b>",
    "1 < 2 and 3 > 2, a <> b, \\<b> escaped, <http://example.com>, 中文段落。\n\nLine  \nbreak\\\nand &copy; &#x4e2d;",
  ];

  it.each(documents)("renders %j exactly as markdown-it with HTML off", (markdown) => {
    expect(renderMarkdown(markdown).html).toBe(plain.render(markdown));
  });

  it("renders the Markdown around raw HTML exactly as without it", () => {
    const markdown = documents.join("\n\n");
    const output = html(`${markdown}\n\nEnd<br>line`);
    expect(output).toBe(`${plain.render(markdown)}<p>End<br />line</p>\n`);
  });
});
