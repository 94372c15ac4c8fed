// NewsArticle JSON-LD as a crawler gets it: the shipped content (plus a story with a hostile
// title) ingested into a real SQLite file, local images through the real pipeline, each article
// read back from the database and built by the same functions the article page calls. The
// hostile title is rendered by the page's component and parsed by a real browser's HTML parser.
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { NewsArticle, WithContext } from "schema-dts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JsonLd } from "@/components/seo/json-ld";
import { type ArticlePage, getPublishedArticleBySlug } from "@/lib/db/articles";
import { buildNewsArticleJsonLd, serializeJsonLd } from "@/lib/seo/json-ld";
import { absoluteUrl } from "@/lib/site-url";
import { chromiumArgs, chromiumPath } from "../../support/debian-chromium";
import { createSqliteTestDatabase, repoRoot, type TestDatabase, tmpRoot } from "../../support/test-databases";
import { ingestWorkspace, processWorkspaceImagesOffline } from "../../support/ingest-workspace";

const seedSlug = "xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli";
const seedTitle = "讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台";
const hostileSlug = "hostile-json-ld-story";
const hostileTitle = "</script><script>alert(1)</script> <!-- <script> & \u2028 \u2029 -->";
const site = { name: "墨石新闻", language: "zh-CN" };

const hostileArticle = `---
title: ${JSON.stringify(hostileTitle)}
slug: ${hostileSlug}
date: 2026-11-01 09:30
timezone: Asia/Shanghai
authors: [Feed Tester]
section: Science
summary:
  - "</script> in the summary too"
language: en
status: published
---

Body.
`;

let database: TestDatabase;
let workspace: string;
let browser: Browser;

async function loadArticle(slug: string): Promise<ArticlePage> {
  const article = await getPublishedArticleBySlug(database.db, slug);
  if (!article) throw new Error(`${slug} was not ingested`);
  return article;
}

beforeAll(async () => {
  database = await createSqliteTestDatabase();
  workspace = path.join(tmpRoot, `json-ld-${randomUUID()}`);
  mkdirSync(path.join(workspace, "extra"), { recursive: true });
  cpSync(path.join(repoRoot, "content"), path.join(workspace, "content"), { recursive: true });
  writeFileSync(path.join(workspace, "extra/hostile.md"), hostileArticle);
  const report = await ingestWorkspace(database.db, workspace, ["content", "extra"]);
  expect(report.failed).toEqual([]);
  // Local covers through the real pipeline; remote images (the seed's) stay pending, offline.
  await processWorkspaceImagesOffline(database.db, workspace);
});

afterAll(async () => {
  await browser?.close();
  await database?.drop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe("NewsArticle JSON-LD", () => {
  it("describes the seed article completely: headline, zoned dates, author page, publisher logo, language", async () => {
    const article = await loadArticle(seedSlug);
    const jsonLd = buildNewsArticleJsonLd(article, site);
    const url = absoluteUrl(`/articles/${seedSlug}`);
    // The literal is checked by tsc against schema-dts: a misspelt property or a wrong shape fails the build.
    const expected = {
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      "@id": `${url}#article`,
      headline: seedTitle,
      description: expect.stringContaining("讯飞星火大模型V3.0完全基于国产算力平台") as string,
      image: [
        expect.stringMatching(new RegExp(`^${absoluteUrl(`/social/articles/${seedSlug}/1x1-`)}[a-f0-9]{16}\\.png$`)) as string,
        expect.stringMatching(new RegExp(`^${absoluteUrl(`/social/articles/${seedSlug}/4x3-`)}[a-f0-9]{16}\\.png$`)) as string,
        expect.stringMatching(new RegExp(`^${absoluteUrl(`/social/articles/${seedSlug}/16x9-`)}[a-f0-9]{16}\\.png$`)) as string,
      ],
      datePublished: "2023-10-24T15:04:00+08:00",
      dateModified: "2023-10-24T15:04:00+08:00",
      author: [{ "@type": "Person", name: "邵文", url: absoluteUrl("/authors/shaowen") }],
      publisher: {
        "@type": "Organization",
        name: "墨石新闻",
        url: absoluteUrl("/"),
        logo: { "@type": "ImageObject", url: absoluteUrl("/logo.png"), width: "512", height: "512" },
      },
      isAccessibleForFree: true,
      inLanguage: "zh-CN",
      mainEntityOfPage: { "@type": "WebPage", "@id": url },
      url,
      ...(article.section ? { articleSection: article.section.name } : {}),
      ...(article.tags.length > 0 ? { keywords: article.tags.map((tag) => tag.name) } : {}),
    } satisfies WithContext<NewsArticle>;
    expect(JSON.parse(serializeJsonLd(jsonLd))).toEqual(expected);
    // The description is plain text a snippet can show, not the whole summary.
    expect([...(jsonLd as { description: string }).description].length).toBeLessThanOrEqual(150);
  });

  it("gives an article with a processed cover its 1:1, 4:3 and 16:9 crops, cut from the cover's largest JPEG", async () => {
    const article = await loadArticle("how-solar-panels-degrade");
    expect(article.cover?.image.status).toBe("ready");
    const largestJpeg = article.cover?.image.variants.filter((variant) => variant.format === "jpeg").sort((a, b) => b.width - a.width)[0];
    const jsonLd = JSON.parse(serializeJsonLd(buildNewsArticleJsonLd(article, site))) as { image: string[]; datePublished: string; inLanguage: string };
    expect(jsonLd.image).toEqual(["1x1", "4x3", "16x9"].map((ratio) => absoluteUrl(`/social/crops/${ratio}/${largestJpeg?.key}`)));
    // 08:00 in London on 5 October 2026 is British Summer Time.
    expect(jsonLd.datePublished).toBe("2026-10-05T08:00:00+01:00");
    expect(jsonLd.inLanguage).toBe("en");
  });

  it("keeps a hostile title inside its script element: one script, and JSON.parse gives the title back exactly", async () => {
    const article = await loadArticle(hostileSlug);
    expect(article.title).toBe(hostileTitle);
    const html = renderToStaticMarkup(createElement(JsonLd, { data: buildNewsArticleJsonLd(article, site) }));
    const open = '<script type="application/ld+json">';
    expect(html.startsWith(open) && html.endsWith("</script>")).toBe(true);
    const inner = html.slice(open.length, -"</script>".length);
    for (const unsafe of ["<", ">", "\u2028", "\u2029"]) expect(inner).not.toContain(unsafe);

    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    // Scripts off: only the HTML parser's view of the document matters, and alert() must not run.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html><head><title>t</title>${html}</head><body><p id="after">after</p></body></html>`);
    const scripts = await page.locator("script").evaluateAll((elements) => elements.map((element) => ({ type: element.getAttribute("type"), text: element.textContent ?? "" })));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.type).toBe("application/ld+json");
    const parsed = JSON.parse(scripts[0]?.text ?? "") as { headline: string; description: string };
    expect(parsed.headline).toBe(hostileTitle);
    expect(parsed.description).toBe("</script> in the summary too");
    // The rest of the document is still a document: the paragraph after the script is an element.
    expect(await page.locator("#after").textContent()).toBe("after");
  });
});
