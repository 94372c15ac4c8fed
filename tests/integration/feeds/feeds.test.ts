// The feeds as readers get them: the shipped content (plus a hostile story and enough generated
// ones to pass the 50-item limit) ingested into a real database, its local images through the real
// pipeline, then each feed built by the function the routes call. Every document must be
// well-formed XML to two independent checkers and read correctly in a standard feed parser.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPublishedArticleBySlug, parseSummaryPoints } from "@/lib/db/articles";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { FeedFormat, FeedScope } from "@/lib/feeds/feed-scope";
import { respondWithFeed } from "@/lib/feeds/feed-response";
import { absoluteUrl } from "@/lib/site-url";
import { listDatabaseKinds, repoRoot, type TestDatabase, tmpRoot } from "../../support/test-databases";
import { ingestWorkspace, processWorkspaceImagesOffline } from "../../support/ingest-workspace";

const XMLLINT = "/usr/bin/xmllint";
const xmllintAvailable = existsSync(XMLLINT);
if (!xmllintAvailable) {
  if (process.env.CI === "true") throw new Error(`${XMLLINT} is missing; CI requires it (Debian package libxml2-utils)`);
  console.warn(`skipping the xmllint check: ${XMLLINT} is missing. Install libxml2-utils to run it.`);
}

const seedSlug = "xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli";
const hostileSlug = "hostile-feed-story";
const hostileTitle = "Breaking ]]> <script>alert(1)</script> & more";
const hostileBody = "<p>A body with ]]> inside, <b>bold</b> &amp; an ampersand</p>";
const BULK_STORIES = 40;

const hostileArticle = `---
title: "${hostileTitle.replaceAll('"', '\\"')}\\x01"
slug: ${hostileSlug}
date: 2026-12-01 08:00
timezone: Asia/Shanghai
authors: [Feed Tester]
section: Science
tags: [hostile]
summary:
  - "Summary with <tags> & ampersands"
language: en
status: published
---

See [another story](/articles/how-tide-tables-are-made), [a sibling](how-solar-panels-degrade),
[the top](#top) and [a tag](../tags/hostile?x=1&y=2).
`;

// Older than every shipped story, so they fill the site feed's tail and the oldest fall past 50.
const bulkArticle = (n: number) => `---
title: Generated story ${n}
slug: generated-story-${n}
date: 2022-01-${String((n % 28) + 1).padStart(2, "0")} ${String(n % 24).padStart(2, "0")}:30
timezone: America/New_York
authors: [Bulk Writer]
section: Generated
tags: [bulk]
language: en
status: published
---

Generated body ${n}.
`;

const parser = new Parser();

function assertWellFormed(xml: string): void {
  expect(XMLValidator.validate(xml)).toBe(true);
  if (!xmllintAvailable) return;
  try {
    execFileSync(XMLLINT, ["--noout", "-"], { input: xml, stdio: ["pipe", "pipe", "pipe"] });
  } catch (error) {
    expect.fail(`xmllint rejects the feed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
}

const articleUrl = (slug: string) => absoluteUrl(`/articles/${slug}`);
const C0_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

interface PublishedRow {
  slug: string;
  title: string;
  publishedAt: Date | null;
  updatedAt: Date;
  sectionSlug: string | null;
  tagSlugs: string[];
}

async function listArticles(db: Db, status: "published" | "draft"): Promise<PublishedRow[]> {
  const rows = await db.article.findMany({
    where: { status },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    select: {
      slug: true,
      title: true,
      publishedAt: true,
      updatedAt: true,
      section: { select: { slug: true } },
      tags: { select: { tag: { select: { slug: true } } } },
    },
  });
  return rows.map((row) => ({ ...row, sectionSlug: row.section?.slug ?? null, tagSlugs: row.tags.map((entry) => entry.tag.slug) }));
}

describe.each(await listDatabaseKinds())("feeds on $name", (kind) => {
  let database: TestDatabase;
  let workspace: string;

  async function request(scope: FeedScope, format: FeedFormat, init: { headers?: Record<string, string>; language?: "zh-CN" | "en" } = {}) {
    const response = await respondWithFeed(database.db, new Request("http://127.0.0.1/feed", { headers: init.headers }), scope, format, {
      language: init.language ?? "zh-CN",
      now: () => new Date("2030-01-01T00:00:00Z"),
    });
    return { response, body: await response.text() };
  }

  /** The feed's XML, checked well-formed, and what rss-parser reads from it. */
  async function readFeed(scope: FeedScope, format: FeedFormat, language: "zh-CN" | "en" = "zh-CN") {
    const { response, body } = await request(scope, format, { language });
    expect(response.status).toBe(200);
    assertWellFormed(body);
    return { xml: body, feed: await parser.parseString(body) };
  }

  async function ingest(inputs: string[]): Promise<void> {
    expect((await ingestWorkspace(database.db, workspace, inputs)).failed).toEqual([]);
  }

  beforeAll(async () => {
    if (!kind.available) return;
    database = await kind.create();
    workspace = path.join(tmpRoot, `feeds-${randomUUID()}`);
    mkdirSync(path.join(workspace, "extra"), { recursive: true });
    cpSync(path.join(repoRoot, "content"), path.join(workspace, "content"), { recursive: true });
    writeFileSync(path.join(workspace, "extra/hostile.md"), hostileArticle);
    for (let n = 1; n <= BULK_STORIES; n += 1) writeFileSync(path.join(workspace, `extra/generated-${n}.md`), bulkArticle(n));
    await ingest(["content", "extra"]);
    // The local images through the real pipeline, so bodies hold <picture>s with /media/ URLs.
    await processWorkspaceImagesOffline(database.db, workspace);
    // No Markdown produces a literal "]]>" in HTML (">" is escaped); a body that has one anyway
    // must still survive the CDATA section.
    await database.db.article.update({ where: { slug: hostileSlug }, data: { bodyHtml: hostileBody } });
  });

  afterAll(async () => {
    await database?.drop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it.skipIf(!kind.available)("the site's RSS lists the 50 newest published stories, newest first, at their exact instants", async () => {
    const published = await listArticles(database.db, "published");
    expect(published.length).toBeGreaterThan(50);
    const expected = published.slice(0, 50);
    const { feed } = await readFeed({ kind: "site" }, "rss");

    expect(feed.title).toBe("墨石新闻");
    expect(feed.description).toBe("墨石新闻的最新报道");
    expect(feed.link).toBe(absoluteUrl("/"));
    expect(feed.language).toBe("zh-CN");
    expect(feed.items.map((item) => item.link)).toEqual(expected.map((row) => articleUrl(row.slug)));
    expect(feed.items.map((item) => item.guid)).toEqual(expected.map((row) => articleUrl(row.slug)));
    expect(feed.items.map((item) => item.title)).toEqual(expected.map((row) => row.title.replace(C0_CONTROLS, "")));
    expect(feed.items.map((item) => item.isoDate)).toEqual(expected.map((row) => row.publishedAt?.toISOString()));
    for (const item of feed.items) expect(item.link?.startsWith(`${new URL(env.SITE_URL).origin}/articles/`)).toBe(true);
    const newestChange = Math.max(...expected.map((row) => row.updatedAt.getTime()));
    expect(new Date(feed.lastBuildDate as string).getTime()).toBe(Math.floor(newestChange / 1000) * 1000);
  });

  it.skipIf(!kind.available)("the site's Atom feed lists the same stories with ids, absolute links and exact instants", async () => {
    const expected = (await listArticles(database.db, "published")).slice(0, 50);
    const { feed } = await readFeed({ kind: "site" }, "atom");

    expect(feed.title).toBe("墨石新闻");
    expect(feed.feedUrl).toBe(absoluteUrl("/atom.xml"));
    expect(feed.items.map((item) => item.id)).toEqual(expected.map((row) => articleUrl(row.slug)));
    expect(feed.items.map((item) => item.link)).toEqual(expected.map((row) => articleUrl(row.slug)));
    expect(feed.items.map((item) => item.pubDate)).toEqual(expected.map((row) => row.publishedAt?.toISOString()));
  });

  it.skipIf(!kind.available)("keeps Chinese text, bylines, categories and the article's own time zone intact", async () => {
    const rss = await readFeed({ kind: "site" }, "rss");
    const seed = rss.feed.items.find((item) => item.link === articleUrl(seedSlug));
    expect(seed).toMatchObject({
      title: "讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台",
      creator: "邵文",
      pubDate: "Tue, 24 Oct 2023 15:04:00 +0800",
    });
    expect(seed?.content).toContain("据科大讯飞董事长刘庆峰透露");
    expect(seed?.["content:encoded"]).toContain("科大讯飞公布了一系列相关大模型与算力平台的最新技术进展");

    const tide = rss.feed.items.find((item) => item.title === "How tide tables are made, and why they are usually right");
    expect(tide?.pubDate).toBe("Mon, 12 Oct 2026 09:15:00 +0100");
    expect(tide?.categories).toEqual(["Science", "explainer", "oceans", "weather"]);
    expect(rss.xml).toContain("<dc:creator>Priya Raman</dc:creator><dc:creator>Maya Chen</dc:creator>");

    const atom = await readFeed({ kind: "site" }, "atom");
    expect(atom.xml).toContain(`<published>2023-10-24T15:04:00+08:00</published>`);
    expect(atom.xml).toContain(`<published>2026-10-12T09:15:00+01:00</published>`);
    const seedEntry = atom.feed.items.find((item) => item.id === articleUrl(seedSlug));
    expect(seedEntry?.title).toBe("讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台");
    expect(seedEntry?.author).toBe("邵文");
    // Chinese summary points run on without a space; English ones are separated by one.
    const seedPoints = (await getPublishedArticleBySlug(database.db, seedSlug))?.summaryPoints ?? [];
    expect(seedPoints).toHaveLength(2);
    expect(seedEntry?.summary).toBe(seedPoints.join(""));
    expect(seedEntry?.summary).toContain("刘庆峰对近日科大讯飞被曝学习机中有不当内容的传闻进行了直接回应");
    const tidePoints = await database.db.article.findFirstOrThrow({ where: { title: tide?.title ?? "" }, select: { summaryPoints: true } });
    expect(tide?.content).toBe(parseSummaryPoints(tidePoints.summaryPoints).join(" "));
    expect(seedEntry?.content).toContain("科大讯飞公布了一系列相关大模型与算力平台的最新技术进展");
  });

  it.skipIf(!kind.available)("makes every URL in the bodies absolute, pictures included", async () => {
    for (const format of ["rss", "atom"] as const) {
      const { feed } = await readFeed({ kind: "site" }, format);
      const bodies = feed.items.map((item) => (format === "rss" ? item["content:encoded"] : item.content) as string);
      const urls = bodies.flatMap((html) => [
        ...[...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1] ?? ""),
        ...[...html.matchAll(/\ssrcset="([^"]*)"/g)].flatMap((match) => (match[1] ?? "").split(", ").map((candidate) => candidate.split(" ")[0] ?? "")),
      ]);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).toMatch(/^(https?:\/\/|mailto:)/);

      const marathon = bodies[feed.items.findIndex((item) => item.link === articleUrl("langang-marathon-2026"))] ?? "";
      expect(marathon).toContain("<picture>");
      expect(marathon).toMatch(new RegExp(`srcset="${absoluteUrl("/media/")}[0-9a-f]`));
      expect(marathon).toMatch(new RegExp(` src="${absoluteUrl("/media/")}[0-9a-f]`));

      const hostile = bodies[feed.items.findIndex((item) => item.link === articleUrl(hostileSlug))] ?? "";
      expect(hostile).toBe(hostileBody);
    }

    // The hostile story's own relative links, before its body was replaced above, as ingest rendered them.
    await ingestHostileLinksStory();
    const { feed } = await readFeed({ kind: "tag", slug: "relative-links" }, "rss");
    expect(feed.items).toHaveLength(1);
    const body = feed.items[0]?.["content:encoded"] as string;
    expect(body).toContain(`href="${absoluteUrl("/articles/how-tide-tables-are-made")}"`);
    expect(body).toContain(`href="${absoluteUrl("/articles/how-solar-panels-degrade")}"`);
    expect(body).toContain(`href="${absoluteUrl("/articles/relative-links-story")}#top"`);
    expect(body).toContain(`href="${absoluteUrl("/tags/hostile")}?x=1&amp;y=2"`);
  });

  async function ingestHostileLinksStory(): Promise<void> {
    const body = hostileArticle.split("---\n").at(-1) ?? "";
    writeFileSync(
      path.join(workspace, "extra/relative-links.md"),
      `---\ntitle: Relative links\nslug: relative-links-story\ndate: 2020-01-01 08:00\ntags: [relative-links]\nlanguage: en\n---\n${body}`,
    );
    await ingest(["extra/relative-links.md"]);
  }

  it.skipIf(!kind.available)("escapes a hostile title and body, and the feed still parses", async () => {
    for (const format of ["rss", "atom"] as const) {
      const { xml, feed } = await readFeed({ kind: "tag", slug: "hostile" }, format);
      expect(xml).not.toContain("<script>");
      expect(xml).not.toContain("\u0001");
      expect(feed.items).toHaveLength(1);
      const [item] = feed.items;
      expect(item?.title).toBe(hostileTitle);
      expect(format === "rss" ? item?.["content:encoded"] : item?.content).toBe(hostileBody);
      expect(format === "rss" ? item?.content : item?.summary).toBe("Summary with <tags> & ampersands");
    }
  });

  it.skipIf(!kind.available)("never shows a draft, in the site's feeds or its section's and tags'", async () => {
    const drafts = await listArticles(database.db, "draft");
    expect(drafts.length).toBeGreaterThan(0);
    const scopes: FeedScope[] = [{ kind: "site" }];
    for (const draft of drafts) {
      if (draft.sectionSlug) scopes.push({ kind: "section", slug: draft.sectionSlug });
      for (const tag of draft.tagSlugs) scopes.push({ kind: "tag", slug: tag });
    }
    expect(scopes.length).toBeGreaterThan(1);
    for (const scope of scopes) {
      for (const format of ["rss", "atom"] as const) {
        const { body } = await request(scope, format);
        for (const draft of drafts) expect(body).not.toContain(articleUrl(draft.slug));
      }
    }
  });

  it.skipIf(!kind.available)("gives each section and tag feed exactly that section's or tag's published stories", async () => {
    const published = await listArticles(database.db, "published");
    const sections = await database.db.section.findMany({ select: { slug: true, name: true } });
    const tags = await database.db.tag.findMany({ select: { slug: true, name: true } });
    expect(sections.length).toBeGreaterThan(3);
    for (const [scopeKind, rows] of [["section", sections], ["tag", tags]] as const) {
      for (const { slug, name } of rows) {
        const expected = published
          .filter((row) => (scopeKind === "section" ? row.sectionSlug === slug : row.tagSlugs.includes(slug)))
          .slice(0, 50)
          .map((row) => articleUrl(row.slug));
        const rss = await readFeed({ kind: scopeKind, slug }, "rss");
        expect(rss.feed.items.map((item) => item.link), `${scopeKind} ${slug}`).toEqual(expected);
        expect(rss.feed.title).toBe(`${name} | 墨石新闻`);
        expect(rss.feed.link).toBe(absoluteUrl(`/${scopeKind}s/${slug}`));
        const atom = await readFeed({ kind: scopeKind, slug }, "atom");
        expect(atom.feed.items.map((item) => item.id), `${scopeKind} ${slug}`).toEqual(expected);
      }
    }
    const tiyu = await readFeed({ kind: "section", slug: "tiyu" }, "rss");
    expect(tiyu.feed.description).toBe("墨石新闻「体育」栏目的最新报道");
    expect(tiyu.feed.items.map((item) => item.title)).toContain("澜港马拉松鸣枪，三万跑者沿江奔跑");
  });

  it.skipIf(!kind.available)("answers 404 for a section or tag that does not exist, or a malformed slug", async () => {
    for (const scope of [
      { kind: "section", slug: "no-such-section" },
      { kind: "tag", slug: "no-such-tag" },
      { kind: "section", slug: "../../etc/passwd" },
      { kind: "tag", slug: "x".repeat(500) },
      { kind: "tag", slug: "Science" },
    ] as const) {
      for (const format of ["rss", "atom"] as const) expect((await request(scope, format)).response.status).toBe(404);
    }
  });

  it.skipIf(!kind.available)("sends the feed types, Last-Modified, and 304 to a client whose copy is current", async () => {
    const rss = await request({ kind: "site" }, "rss");
    expect(rss.response.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
    const atom = await request({ kind: "section", slug: "tiyu" }, "atom");
    expect(atom.response.headers.get("Content-Type")).toBe("application/atom+xml; charset=utf-8");

    // Any published story's change counts, not only the 50 shown: conservative, never too old.
    const newestChange = Math.max(...(await listArticles(database.db, "published")).map((row) => row.updatedAt.getTime()));
    const lastModified = rss.response.headers.get("Last-Modified");
    expect(lastModified).toBe(new Date(newestChange).toUTCString());

    const current = await request({ kind: "site" }, "rss", { headers: { "If-Modified-Since": lastModified ?? "" } });
    expect(current.response.status).toBe(304);
    expect(current.body).toBe("");
    expect(current.response.headers.get("Last-Modified")).toBe(lastModified);
    const stale = await request({ kind: "site" }, "rss", { headers: { "If-Modified-Since": new Date(newestChange - 60_000).toUTCString() } });
    expect(stale.response.status).toBe(200);
    const unreadable = await request({ kind: "site" }, "rss", { headers: { "If-Modified-Since": "not a date" } });
    expect(unreadable.response.status).toBe(200);
  });

  it.skipIf(!kind.available)("sends an ETag of the bytes, and 304 for If-None-Match even when If-Modified-Since is stale", async () => {
    const first = await request({ kind: "tag", slug: "hostile" }, "atom");
    const etag = first.response.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.response.headers.get("Cache-Control")).toBe("public, no-cache");
    const again = await request({ kind: "tag", slug: "hostile" }, "atom");
    expect(again.response.headers.get("ETag")).toBe(etag);
    const current = await request({ kind: "tag", slug: "hostile" }, "atom", {
      headers: { "If-None-Match": `"something-else", W/${etag}`, "If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT" },
    });
    expect(current.response.status).toBe(304);
    expect(current.body).toBe("");
    expect(current.response.headers.get("ETag")).toBe(etag);
    // If-None-Match decides alone: a current date does not rescue a different tag.
    const changed = await request({ kind: "tag", slug: "hostile" }, "atom", {
      headers: { "If-None-Match": '"an-old-tag"', "If-Modified-Since": new Date(Date.now() + 86_400_000).toUTCString() },
    });
    expect(changed.response.status).toBe(200);
    expect((await request({ kind: "tag", slug: "hostile" }, "rss")).response.headers.get("ETag")).not.toBe(etag);
  });

  it.skipIf(!kind.available)("speaks English when the site does", async () => {
    const site = await readFeed({ kind: "site" }, "rss", "en");
    expect(site.feed.title).toBe("Inkstone");
    expect(site.feed.language).toBe("en");
    const section = await readFeed({ kind: "section", slug: "science" }, "atom", "en");
    expect(section.feed.title).toBe("Science | Inkstone");
    expect(section.xml).toContain(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`);
  });

  it.skipIf(!kind.available)("shows a newly ingested story at the top, and a client's old copy is no longer current", async () => {
    const before = await request({ kind: "site" }, "rss");
    const lastModified = before.response.headers.get("Last-Modified") ?? "";
    writeFileSync(
      path.join(workspace, "extra/fresh.md"),
      `---\ntitle: 刚刚发布的新闻\nslug: fresh-story\ndate: 2027-01-01 09:00\nsection: 体育\nlanguage: zh-CN\n---\n\n正文。\n`,
    );
    await ingest(["extra/fresh.md"]);
    const after = await request({ kind: "site" }, "rss", { headers: { "If-Modified-Since": lastModified } });
    expect(after.response.status).toBe(200);
    const feed = await parser.parseString(after.body);
    expect(feed.items[0]).toMatchObject({ title: "刚刚发布的新闻", link: articleUrl("fresh-story"), pubDate: "Fri, 01 Jan 2027 09:00:00 +0800" });
    expect(feed.items).toHaveLength(50);
  });

  it.skipIf(!kind.available)("a story withdrawn from a feed moves its Last-Modified forward, never back", async () => {
    const before = await request({ kind: "tag", slug: "bulk" }, "rss");
    const lastModified = before.response.headers.get("Last-Modified") ?? "";
    const newest = (await parser.parseString(before.body)).items[0]?.link ?? "";
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await database.db.article.update({ where: { slug: newest.split("/").at(-1) }, data: { status: "withdrawn" } });
    const after = await request({ kind: "tag", slug: "bulk" }, "rss", { headers: { "If-Modified-Since": lastModified } });
    expect(after.response.status).toBe(200);
    expect(after.body).not.toContain(newest);
    expect(Date.parse(after.response.headers.get("Last-Modified") ?? "")).toBeGreaterThan(Date.parse(lastModified));
    await database.db.article.update({ where: { slug: newest.split("/").at(-1) }, data: { status: "published" } });
  });
});
