// The Google News sitemap with a controlled clock: stories placed around the 48-hour edge, a
// draft, a story dated in the future, several languages and a hostile title, ingested into a real
// database; then a thousand more to reach Google's cap.
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInThreadPreparer } from "@/lib/content/article-preparer";
import { findMarkdownFiles } from "@/lib/content/find-markdown-files";
import { ingestArticleFiles } from "@/lib/content/ingest";
import { toGoogleNewsLanguage } from "@/lib/seo/news-sitemap";
import { respondWithChildSitemap, SITEMAP_CONTENT_TYPE } from "@/lib/seo/sitemap-response";
import { listDatabaseKinds, type TestDatabase, tmpRoot } from "../../support/test-databases";
import { parseUrlset, SITEMAP_WITH_EXTENSIONS_XSD, validateWithSchema, xmllintAvailable } from "./sitemap-xml-checks";

const siteUrl = "https://news.example.org";
const now = new Date("2030-06-15T12:00:00Z");
const HOUR = 60 * 60 * 1000;
const hostileTitle = `Tom & Jerry's <b>"best"</b> > rest`;

function story(slug: string, fields: { date: Date; language?: string; title?: string; status?: string; timezone?: string }): string {
  return `---
title: ${JSON.stringify(fields.title ?? `Story ${slug}`)}
slug: ${slug}
date: ${fields.date.toISOString().replace(".000Z", "+00:00")}
timezone: ${fields.timezone ?? "UTC"}
authors: [News Tester]
section: News
language: ${fields.language ?? "en"}
status: ${fields.status ?? "published"}
---

Body of ${slug}.
`;
}

const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR);

const stories: Record<string, Parameters<typeof story>[1]> = {
  "in-47h-zh": { date: hoursAgo(47), language: "zh-CN", timezone: "Asia/Shanghai", title: "四十七小时前的报道" },
  "out-49h": { date: hoursAgo(49) },
  "in-1h-zh-tw": { date: hoursAgo(1), language: "zh-TW", timezone: "Asia/Taipei", title: "一小時前的報導" },
  "in-2h-de": { date: hoursAgo(2), language: "de-DE", timezone: "Europe/Berlin", title: "Vor zwei Stunden" },
  "in-3h-en-gb": { date: hoursAgo(3), language: "en-GB", timezone: "Europe/London" },
  "in-4h-hostile": { date: hoursAgo(4), title: hostileTitle },
  "draft-30m": { date: hoursAgo(0.5), status: "draft" },
  "future-1h": { date: hoursAgo(-1) },
};

describe("Google News language codes", () => {
  it("writes Chinese with its script and everything else as a lower-case ISO 639 code", () => {
    expect(toGoogleNewsLanguage("zh-CN")).toBe("zh-cn");
    expect(toGoogleNewsLanguage("zh")).toBe("zh-cn");
    expect(toGoogleNewsLanguage("zh-Hans-SG")).toBe("zh-cn");
    expect(toGoogleNewsLanguage("zh-TW")).toBe("zh-tw");
    expect(toGoogleNewsLanguage("zh-HK")).toBe("zh-tw");
    expect(toGoogleNewsLanguage("zh-Hant")).toBe("zh-tw");
    expect(toGoogleNewsLanguage("en")).toBe("en");
    expect(toGoogleNewsLanguage("EN-us")).toBe("en");
    expect(toGoogleNewsLanguage("pt-BR")).toBe("pt");
    expect(toGoogleNewsLanguage("fil")).toBe("fil");
  });

  it("names a tag that is not BCP 47", () => {
    expect(() => toGoogleNewsLanguage("not a tag!")).toThrow('news sitemap: article language "not a tag!" is not a BCP 47 language tag');
  });
});

describe.each(await listDatabaseKinds())("news sitemap on $name", (kind) => {
  let database: TestDatabase;
  let workspace: string;

  async function ingest(folder: string, files: Record<string, string>): Promise<void> {
    mkdirSync(path.join(workspace, folder), { recursive: true });
    for (const [name, markdown] of Object.entries(files)) writeFileSync(path.join(workspace, folder, `${name}.md`), markdown);
    const found = await findMarkdownFiles([path.join(workspace, folder)]);
    const report = await ingestArticleFiles(found.files, {
      db: database.db,
      preparer: createInThreadPreparer((file) => readFile(file)),
      rootDir: workspace,
      now: () => Date.now(),
    });
    expect(report.failed).toEqual([]);
  }

  async function fetchNews(clock: Date = now) {
    const response = await respondWithChildSitemap(database.db, "news.xml", { siteUrl, publicationName: "墨石新闻", now: () => clock });
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(SITEMAP_CONTENT_TYPE);
    const parsed = parseUrlset(body);
    // sitemap.xsd demands at least one <url>; an empty window is checked on its own below.
    if (xmllintAvailable && parsed.urls.length > 0) expect(validateWithSchema(body, SITEMAP_WITH_EXTENSIONS_XSD)).toEqual({ valid: true, errors: "" });
    return { body, ...parsed };
  }

  beforeAll(async () => {
    if (!kind.available) return;
    database = await kind.create();
    workspace = path.join(tmpRoot, `news-sitemap-${randomUUID()}`);
    await ingest("window", Object.fromEntries(Object.entries(stories).map(([slug, fields]) => [slug, story(slug, fields)])));
  });

  afterAll(async () => {
    await database?.drop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it.skipIf(!kind.available)("lists the stories of the last 48 hours, newest first: 47 hours in, 49 out, no draft, nothing from the future", async () => {
    const { urls, namespaces } = await fetchNews();
    expect(namespaces["xmlns:news"]).toBe("http://www.google.com/schemas/sitemap-news/0.9");
    expect(urls.map((url) => url.loc)).toEqual(
      ["in-1h-zh-tw", "in-2h-de", "in-3h-en-gb", "in-4h-hostile", "in-47h-zh"].map((slug) => `${siteUrl}/articles/${slug}`),
    );
    for (const url of urls) expect(url["news:news"]?.["news:publication"]["news:name"]).toBe("墨石新闻");
  });

  it.skipIf(!kind.available)("gives each story Google's language code, its publication time with its own offset, and its title", async () => {
    const { urls } = await fetchNews();
    const news = (slug: string) => urls.find((url) => url.loc === `${siteUrl}/articles/${slug}`)?.["news:news"];
    expect(news("in-47h-zh")).toEqual({
      "news:publication": { "news:name": "墨石新闻", "news:language": "zh-cn" },
      "news:publication_date": "2030-06-13T21:00:00+08:00",
      "news:title": "四十七小时前的报道",
    });
    expect(news("in-1h-zh-tw")?.["news:publication"]["news:language"]).toBe("zh-tw");
    expect(news("in-1h-zh-tw")?.["news:publication_date"]).toBe("2030-06-15T19:00:00+08:00");
    expect(news("in-2h-de")?.["news:publication"]["news:language"]).toBe("de");
    expect(news("in-2h-de")?.["news:publication_date"]).toBe("2030-06-15T12:00:00+02:00");
    expect(news("in-3h-en-gb")?.["news:publication"]["news:language"]).toBe("en");
    expect(news("in-3h-en-gb")?.["news:publication_date"]).toBe("2030-06-15T10:00:00+01:00");
  });

  it.skipIf(!kind.available)("escapes a title full of markup characters and reads it back unchanged", async () => {
    const { body, urls } = await fetchNews();
    expect(body).toContain("<news:title>Tom &amp; Jerry&apos;s &lt;b&gt;&quot;best&quot;&lt;/b&gt; &gt; rest</news:title>");
    expect(urls.find((url) => url.loc.endsWith("/in-4h-hostile"))?.["news:news"]?.["news:title"]).toBe(hostileTitle);
  });

  it.skipIf(!kind.available)("moves with the clock: an hour later the 47-hour story has left, and an empty window is an empty urlset", async () => {
    const later = await fetchNews(new Date(now.getTime() + 1.5 * HOUR));
    expect(later.urls.map((url) => url.loc)).not.toContain(`${siteUrl}/articles/in-47h-zh`);
    expect(later.urls.map((url) => url.loc)).toContain(`${siteUrl}/articles/future-1h`);
    // With no news the file stays where robots.txt says, as a well-formed empty urlset (Google reads
    // that as "nothing new"); the schema's only complaint is the missing <url>.
    const empty = await fetchNews(new Date("2040-01-01T00:00:00Z"));
    expect(empty.urls).toEqual([]);
    expect(empty.body).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n</urlset>\n`,
    );
    if (xmllintAvailable) expect(validateWithSchema(empty.body, SITEMAP_WITH_EXTENSIONS_XSD).errors).toMatch(/Missing child element\(s\)\. Expected is one of \(.*url \)/);
  });

  it.skipIf(!kind.available)("stops at 1,000 stories, the newest", async () => {
    const bulk: Record<string, string> = {};
    for (let n = 1; n <= 1000; n += 1) bulk[`bulk-${n}`] = story(`bulk-${n}`, { date: new Date(hoursAgo(40).getTime() + n * 60_000) });
    await ingest("bulk", bulk);
    const inWindow = await database.db.article.findMany({
      where: { status: "published", publishedAt: { gte: hoursAgo(48), lte: now } },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      select: { slug: true },
    });
    expect(inWindow.length).toBe(1005);
    const { urls } = await fetchNews();
    expect(urls).toHaveLength(1000);
    expect(urls.map((url) => url.loc)).toEqual(inWindow.slice(0, 1000).map((row) => `${siteUrl}/articles/${row.slug}`));
    expect(urls.map((url) => url.loc)).not.toContain(`${siteUrl}/articles/in-47h-zh`);
  });
});
