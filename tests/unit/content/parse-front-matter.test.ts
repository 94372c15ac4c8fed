import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticleFile } from "@/lib/content/parse-article";
import { expectSourceError } from "../../support/source-errors";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const encoder = new TextEncoder();
const FILE = "content/news/test-article.md";

function parseText(text: string) {
  return parseArticleFile(FILE, encoder.encode(text));
}

/** A file whose front matter is `lines` (so lines[0] is line 2 of the file) and whose body is `body`. */
function withFrontMatter(lines: string[], body = "Body text of the article.\n"): string {
  return `---\n${lines.join("\n")}\n---\n\n${body}`;
}

describe("a front matter file with every key", () => {
  const fixture = "tests/fixtures/articles/full-front-matter.md";
  const article = parseArticleFile(fixture, new Uint8Array(readFileSync(path.join(repoRoot, fixture))));

  it("reads every field", () => {
    expect(article).toEqual({
      title: "讯飞星火大模型升级3.0",
      slug: "spark-3-0-upgrade",
      slugFromAddress: false,
      // 15:04 on the New York wall clock (EDT, UTC-4), because the file names that zone.
      publishedAt: new Date("2023-10-24T19:04:00.000Z"),
      revisedAt: new Date("2023-10-25T01:30:00.000Z"),
      timeZone: "America/New_York",
      authors: [
        { name: "邵文", role: null, outlet: null },
        { name: "王五", role: "实习生", outlet: "澎湃新闻" },
      ],
      section: "科技",
      // 2023 is a number to YAML; the duplicate AI is dropped.
      tags: ["AI", "大模型", "2023"],
      summaryPoints: ["星火V3.0完全基于国产算力平台。", "对标GPT-4的模型已启动训练。"],
      language: "zh-CN",
      status: "published",
      sourceName: "澎湃新闻",
      sourceUrl: "https://m.thepaper.cn/detail/25046014",
      cover: "images/spark.jpg",
      bodyMarkdown:
        "10月24日，科大讯飞公布了一系列相关大模型与算力平台的最新技术进展。\n\n![](https://imagecloud.thepaper.cn/thepaper/image/275/462/788.jpg)",
      aliases: [],
      frontMatterExtra: {},
      unknownKeys: [],
      unknownTemplateTags: [],
      notes: [],
      undated: false,
    });
  });
});

describe("front matter value shapes", () => {
  it("splits authors written as one string on commas and 、", () => {
    const article = parseText(withFrontMatter(["title: Hello", "date: 2024-01-01", "authors: 邵文、王五, Jane Doe，李四"]));
    expect(article.authors).toEqual([
      { name: "邵文", role: null, outlet: null },
      { name: "王五", role: null, outlet: null },
      { name: "Jane Doe", role: null, outlet: null },
      { name: "李四", role: null, outlet: null },
    ]);
  });

  it("takes a summary written as one string as one point", () => {
    const article = parseText(withFrontMatter(["title: Hello", "date: 2024-01-01", "summary: The one thing to know."]));
    expect(article.summaryPoints).toEqual(["The one thing to know."]);
  });

  it("takes a source written as a bare URL, with no name", () => {
    const article = parseText(withFrontMatter(["title: Hello", "date: 2024-01-01", "source: https://example.com/story"]));
    expect(article.sourceUrl).toBe("https://example.com/story");
    expect(article.sourceName).toBeNull();
  });

  it("coerces numeric tags to strings", () => {
    const article = parseText(withFrontMatter(["title: Hello", "date: 2024-01-01", "tags: [2024, 3.5, ai]"]));
    expect(article.tags).toEqual(["2024", "3.5", "ai"]);
  });

  it("lets an explicit offset in the date win over the file's time zone", () => {
    const article = parseText(
      withFrontMatter(["title: Hello", "date: 2023-10-24T15:04:00+08:00", "timezone: Europe/London"]),
    );
    expect(article.publishedAt?.toISOString()).toBe("2023-10-24T07:04:00.000Z");
    expect(article.timeZone).toBe("Europe/London");
  });
});

describe("front matter defaults", () => {
  it("publishes a Chinese article in Beijing time when the file does not say", () => {
    const article = parseText(withFrontMatter(["title: 讯飞星火升级", "date: 2023-10-24 15:04"], "科大讯飞公布了最新技术进展。\n"));
    expect(article.status).toBe("published");
    expect(article.language).toBe("zh-CN");
    expect(article.timeZone).toBe("Asia/Shanghai");
    expect(article.publishedAt?.toISOString()).toBe("2023-10-24T07:04:00.000Z");
    expect(article.revisedAt).toBeNull();
    expect(article.authors).toEqual([]);
    expect(article.tags).toEqual([]);
    expect(article.summaryPoints).toEqual([]);
    expect(article.slug).toBeNull();
    expect(article.section).toBeNull();
    expect(article.cover).toBeNull();
    expect(article.sourceName).toBeNull();
    expect(article.sourceUrl).toBeNull();
  });

  it("publishes an English article in UTC when the file does not say", () => {
    const article = parseText(withFrontMatter(["title: Spark 3.0 launches", "date: 2023-10-24 15:04"], "iFlytek announced its model.\n"));
    expect(article.language).toBe("en");
    expect(article.timeZone).toBe("UTC");
    expect(article.publishedAt?.toISOString()).toBe("2023-10-24T15:04:00.000Z");
  });

  it("normalizes a language tag the file gives, and its zone follows that language", () => {
    const article = parseText(withFrontMatter(["title: 讯飞星火升级", "date: 2023-10-24 15:04", "language: en-us"], "科大讯飞。\n"));
    expect(article.language).toBe("en-US");
    expect(article.timeZone).toBe("UTC");
  });

  it("accepts a draft without a date", () => {
    const article = parseText(withFrontMatter(["title: Work in progress", "status: draft"]));
    expect(article.status).toBe("draft");
    expect(article.publishedAt).toBeNull();
  });
});

describe("front matter errors name the path, the line and the reason", () => {
  it.each<[string, string[], number, RegExp]>([
    ["an empty title", ["title: '   '", "date: 2024-01-01"], 2, /^title: must not be empty/],
    ["a slug that is not lowercase words", ["title: Hello", "slug: Bad Slug!", "date: 2024-01-01"], 3, /^slug: must be lowercase ASCII/],
    ["a day that does not exist", ["title: Hello", "date: 2024-02-30"], 3, /^date: "2024-02-30" is not a date/],
    ["an updated time that does not exist", ["title: Hello", "date: 2024-02-01", "updated: 2024-02-01 24:30"], 4, /^updated: "2024-02-01 24:30" is not a date/],
    ["an unknown time zone", ["title: Hello", "date: 2024-02-03", "timezone: Mars/Phobos"], 4, /^timezone: is not an IANA time zone/],
    ["a language that is not a tag", ["title: Hello", "date: 2024-02-03", "language: not a tag"], 4, /^language: is not a language tag/],
    ["a javascript: source URL", ["title: Hello", "date: 2024-02-03", "source: javascript:alert(1)"], 4, /^source: /],
    ["a javascript: source URL inside an object", ["title: Hello", "date: 2024-02-03", "source:", "  name: X", "  url: javascript:alert(1)"], 6, /^source\.url: /],
    ["tags given as a mapping", ["title: Hello", "date: 2024-02-03", "tags:", "  a: 1"], 5, /^tags: .*expected array/],
    ["front matter that is a list", ["- title", "- date"], 2, /must be a list of `key: value` lines/],
  ])("refuses %s", (_label, lines, line, reason) => {
    const error = expectSourceError(() => parseText(withFrontMatter(lines)));
    expect(error.path).toBe(FILE);
    expect(error.line).toBe(line);
    expect(error.reason).toMatch(reason);
    expect(error.message).toBe(`${FILE}:${line}: ${error.reason}`);
  });

  // A typo inside the source object (our own key, not another tool's) has a line.
  it.each<[string, string[], number, string, string]>([
    ["the source", ["title: Hello", "date: 2024-02-03", "source:", "  name: X", "  link: https://example.com"], 6, "link", "source"],
  ])("refuses a stray key inside %s at its line, naming where it is", (_label, lines, line, key, parent) => {
    const error = expectSourceError(() => parseText(withFrontMatter(lines)));
    expect(error.reason).toContain(`"${key}"`);
    expect(error.reason).toContain(parent);
    expect(error.line).toBe(line);
  });

  it("refuses a front matter block that is never closed, at line 1", () => {
    const error = expectSourceError(() => parseText("---\ntitle: Hello\ndate: 2024-01-01\n\nBody text.\n"));
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/^content\/news\/test-article\.md:1: .*never closed/);
  });

  it("refuses a missing title when the body has no heading either, pointing at the front matter", () => {
    const error = expectSourceError(() => parseText(withFrontMatter(["date: 2024-01-01", "section: News"])));
    expect(error.reason).toMatch(/^title: /);
    expect(error.line).toBeOneOf([1, 2]);
  });

  it("refuses a body that is only blank lines, pointing at where the body should start", () => {
    const error = expectSourceError(() => parseText("---\ntitle: Hello\ndate: 2024-01-01\n---\n\n   \n"));
    expect(error.reason).toMatch(/no body/);
    expect(error.message).toContain(FILE);
    expect(error.line).toBeOneOf([4, 5]);
  });

  // The YAML parser knows where it stopped; the error should say so, not always point at line 2.
  it.each<[string, string[], number]>([
    ["a mapping nested in a one-line value", ["title: Hello", "date: 2024-01-01", "section: news: local"], 4],
    ["a duplicated key", ["title: Hello", "date: 2024-01-01", "title: Again"], 4],
    ["a tab used as indentation", ["title: Hello", "date: 2024-01-01", "\tsection: News"], 4],
  ])("refuses invalid YAML (%s) at the line where it breaks", (_label, lines, line) => {
    const error = expectSourceError(() => parseText(withFrontMatter(lines)));
    expect(error.reason).toMatch(/^front matter is not valid YAML: /);
    expect(error.line).toBe(line);
    expect(error.message.startsWith(`${FILE}:${line}: `)).toBe(true);
  });
});
