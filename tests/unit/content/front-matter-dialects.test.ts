import { describe, expect, it } from "vitest";
import { normalizeFrontMatter, toAliasPath, toSlugFromAddress } from "@/lib/content/front-matter-dialects";
import { parseArticleFile } from "@/lib/content/parse-article";
import { expectSourceError } from "../../support/source-errors";

const encoder = new TextEncoder();
const FILE = "archive/posts/story.md";
const parse = (text: string, file = FILE) => parseArticleFile(file, encoder.encode(text));
const yaml = (lines: string[], body = "Body text.") => `---\n${lines.join("\n")}\n---\n\n${body}\n`;
const toml = (lines: string[], body = "Body text.") => `+++\n${lines.join("\n")}\n+++\n\n${body}\n`;

describe("old addresses", () => {
  it.each([
    ["/2019/03/festival/", "/2019/03/festival"],
    ["2019/03/festival", "/2019/03/festival"],
    ["https://old.example.org/old/festival.html?utm_source=x#top", "/old/festival.html"],
    ["//double//slashes//", "/double/slashes"],
    ["/中文/标题/", "/%E4%B8%AD%E6%96%87/%E6%A0%87%E9%A2%98"],
    ["/already%20encoded", "/already%20encoded"],
  ])("reads %s as the path %s", (address, expected) => {
    expect(toAliasPath(address)).toBe(expected);
  });

  it.each(["/", "", "javascript:alert(1)", "/a/../etc/passwd", "/:year/:title/"])("refuses %j", (address) => {
    expect(toAliasPath(address)).toBeNull();
  });

  it("takes a slug from the last segment only when it is a valid slug", () => {
    expect(toSlugFromAddress("/science/new-tide-tables/")).toBe("new-tide-tables");
    expect(toSlugFromAddress("/old/festival.html")).toBe("festival");
    expect(toSlugFromAddress("/old/Festival_2019")).toBeNull();
  });
});

describe("front matter dialects mapped onto our fields", () => {
  it("reads keys whatever their case, the first alias present winning and the others kept aside", () => {
    const normalized = normalizeFrontMatter({ Title: "Hi", Summary: "one", description: "two", PublishDate: "2024-01-01" });
    expect(normalized.data).toMatchObject({ title: "Hi", summary: "one", date: "2024-01-01" });
    expect(normalized.extra).toEqual({ description: "two" });
    // A shadowed alias is a known key: kept for export, not reported as unknown.
    expect(normalized.unknownKeys).toEqual([]);
  });

  it("takes the first category as the section and the rest as tags, after the tags", () => {
    expect(normalizeFrontMatter({ categories: ["News", "World"], tags: ["a"] }).data).toMatchObject({ section: "News", tags: ["a", "World"] });
    expect(normalizeFrontMatter({ categories: "news world" }).data).toMatchObject({ section: "news", tags: ["world"] });
    expect(normalizeFrontMatter({ category: "Local news" }).data).toMatchObject({ section: "Local news" });
    expect(normalizeFrontMatter({ categories: [["News", "World"]] }).data).toMatchObject({ section: "News", tags: ["World"] });
    // With a section named, every category is a tag.
    expect(normalizeFrontMatter({ section: "Opinion", categories: ["News"] }).data).toMatchObject({ section: "Opinion", tags: ["News"] });
  });

  it("splits tags and keywords written as one string on commas, 、 and ；", () => {
    expect(normalizeFrontMatter({ tags: "灯会, 元宵、节庆；夜市" }).data.tags).toEqual(["灯会", "元宵", "节庆", "夜市"]);
    expect(normalizeFrontMatter({ keywords: "machine learning" }).data.tags).toEqual(["machine learning"]);
  });

  it("makes draft: true and published: false drafts, draft winning over status", () => {
    expect(normalizeFrontMatter({ draft: true, status: "published" }).data.status).toBe("draft");
    expect(normalizeFrontMatter({ published: false }).data.status).toBe("draft");
    expect(normalizeFrontMatter({ draft: false }).data.status).toBeUndefined();
    expect(normalizeFrontMatter({ published: "2024-05-01" }).data.date).toBe("2024-05-01");
  });

  it("finds the cover in a list, an object or any of the image keys", () => {
    expect(normalizeFrontMatter({ images: ["a.jpg", "b.jpg"] }).data.cover).toBe("a.jpg");
    expect(normalizeFrontMatter({ cover: { image: "c.jpg", alt: "C" } }).data.cover).toBe("c.jpg");
    expect(normalizeFrontMatter({ featured_image: "f.jpg", thumbnail: "t.jpg" }).data.cover).toBe("f.jpg");
  });

  it("sets aside an author's extra sub-keys by name, and a permalink pattern whole", () => {
    const normalized = normalizeFrontMatter({ author: { name: "Alex", email: "a@example.com" }, permalink: "/:year/:title/" });
    expect(normalized.data.authors).toEqual([{ name: "Alex" }]);
    expect(normalized.data.slug).toBeUndefined();
    expect(normalized.extra).toEqual({ "author.email": "a@example.com", permalink: "/:year/:title/" });
    expect(normalized.unknownKeys).toEqual(["author.email"]);
  });
});

describe("front matter files in other dialects", () => {
  it("reads TOML with dates in their own forms", () => {
    const article = parse(toml(['title = "Tides"', "date = 2020-01-15T10:00:00+02:00", "lastmod = 2020-01-16", 'tags = ["sea"]']));
    expect(article).toMatchObject({ title: "Tides", tags: ["sea"], status: "published" });
    expect(article.publishedAt?.toISOString()).toBe("2020-01-15T08:00:00.000Z");
    expect(article.revisedAt?.toISOString()).toBe("2020-01-16T00:00:00.000Z");
  });

  it("names the TOML line that does not parse", () => {
    const error = expectSourceError(() => parse(toml(['title = "Tides"', "date = = 2020"])));
    expect(error.line).toBe(3);
    expect(error.reason).toMatch(/^front matter is not valid TOML: /);
  });

  it("names a TOML key of the wrong shape at its line, in the file's own words", () => {
    const error = expectSourceError(() => parse(toml(['title = "Tides"', "date = 2020-01-15", "keywords = { a = 1 }"])));
    expect(error.line).toBe(4);
    expect(error.reason).toMatch(/^keywords: /);
  });

  it("names a YAML alias key of the wrong shape by the file's key and line", () => {
    const error = expectSourceError(() => parse(yaml(["title: Hi", "date: 2024-01-01", "author:", "  - email: a@example.com"])));
    expect(error.reason).toMatch(/^author: must be a name, or a list of names/);
    expect(error.line).toBeOneOf([4, 5]);
  });

  it("takes the title from the body's first heading, and drops a heading that repeats the title", () => {
    expect(parse(yaml(["date: 2024-01-01"], "# From the body\n\nText."))).toMatchObject({ title: "From the body", bodyMarkdown: "Text." });
    expect(parse(yaml(["title: Same", "date: 2024-01-01"], "# Same\n\nText."))).toMatchObject({ title: "Same", bodyMarkdown: "Text." });
    expect(parse(yaml(["title: Other", "date: 2024-01-01"], "# Not the title\n\nText.")).bodyMarkdown).toBe("# Not the title\n\nText.");
  });

  it("dates a file by its name when the front matter has no date, else makes it an undated draft", () => {
    expect(parse(yaml(["title: Jekyll"]), "_posts/2021-06-01-ferry.md").publishedAt?.toISOString()).toBe("2021-06-01T00:00:00.000Z");
    expect(parse(yaml(["title: Hugo bundle"]), "posts/2021-06-02-ferry/index.md").publishedAt?.toISOString()).toBe("2021-06-02T00:00:00.000Z");
    expect(parse(yaml(["title: Nothing"]))).toMatchObject({ status: "draft", undated: true, publishedAt: null });
  });

  it("reads yes/no flags as Jekyll and Hexo do (YAML 1.1): published: no hides a post", () => {
    for (const line of ["published: no", "published: 'false'", "published: off", "draft: yes", "draft: 'true'", "draft: True"]) {
      expect(parse(yaml(["title: A", "date: 2024-01-01", line])).status, line).toBe("draft");
    }
    expect(parse(yaml(["title: A", "date: 2024-01-01", "published: yes"])).status).toBe("published");
    const error = expectSourceError(() => parse(yaml(["title: A", "date: 2024-01-01", "draft: maybe"])));
    expect(error.message).toBe(`${FILE}:4: draft: must be true or false`);
  });

  it("reads an empty front matter block as no keys, the title coming from the body", () => {
    expect(parse("---\n---\n# From the body\n\nText.\n", "_posts/2021-06-01-x.md")).toMatchObject({ title: "From the body", status: "published" });
  });

  it("takes a permalink's slug as one that gives way (index.html read as its folder), and drops empty tags", () => {
    const article = parse(yaml(["title: A", "date: 2024-01-01", "permalink: /2019/notes/index.html", "tags: ['', a]"]));
    expect(article).toMatchObject({ slug: "notes", slugFromAddress: true, tags: ["a"], aliases: ["/2019/notes/index.html"] });
    expect(parse(yaml(["title: A", "date: 2024-01-01", "slug: named"])).slugFromAddress).toBe(false);
  });

  it("cuts what does not fit instead of failing the file, with a note, keeping the whole list for export", () => {
    const keywords = Array.from({ length: 34 }, (_, i) => `k${i}`);
    const article = parse(yaml(["title: A", "date: 2024-01-01", `keywords: [${keywords.join(", ")}]`, `description: "${"长".repeat(1200)}"`, "aliases: [/fine, 'x:y']"]));
    expect(article.tags).toEqual(keywords.slice(0, 20));
    expect(article.frontMatterExtra.keywords).toEqual(keywords);
    expect(article.summaryPoints[0]).toHaveLength(1000);
    expect(article.summaryPoints[0]?.endsWith("…")).toBe(true);
    expect(article.aliases).toEqual(["/fine"]);
    expect(article.notes).toEqual([
      "description: cut to 1000 characters",
      "keywords: kept the first 20 of 34 tags",
      'aliases: left out "x:y", which is not a path like /2019/01/old-post',
    ]);
  });

  it("reads a numeric title as text, and an empty date as no date", () => {
    expect(parse(yaml(["title: 1984", "date: 2024-01-01"])).title).toBe("1984");
    expect(parse(yaml(["title: Empty date", "date:", "tags: ''"]), "_posts/2021-06-01-x.md")).toMatchObject({ tags: [], unknownKeys: [] });
    expect(parse(yaml(["title: Empty date", "date: ''"]))).toMatchObject({ undated: true, status: "draft" });
  });

  it("reads Jekyll's offset without a colon and RFC 2822", () => {
    expect(parse(yaml(["title: A", "date: 2016-01-01 10:00:00 +0800"])).publishedAt?.toISOString()).toBe("2016-01-01T02:00:00.000Z");
    expect(parse(yaml(["title: A", "date: 'Fri, 17 May 2024 10:00:00 +0000'"])).publishedAt?.toISOString()).toBe("2024-05-17T10:00:00.000Z");
  });
});
