// What a crawler or a link preview reads in each page kind's <head>: title, description,
// canonical, hreflang, robots, Open Graph, Twitter card and JSON-LD, and that the preview image
// they name is a real picture at least 1200 px wide.
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { e2eEnv } from "../../playwright.config";

const site = e2eEnv.SITE_URL;
const seedSlug = "xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli";
const seedTitle = "讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台";
const englishSlug = "how-solar-panels-degrade";

interface Head {
  title: string;
  description: string | null;
  canonical: string | null;
  robots: string | null;
  hreflang: Record<string, string>;
  feeds: string[];
  meta: Map<string, string[]>;
  jsonLd: Array<Record<string, unknown>>;
}

async function readHead(page: Page, path: string): Promise<Head> {
  const response = await page.goto(path);
  expect(response?.status(), `${path} status`).toBe(200);
  const raw = await page.evaluate(() => ({
    title: document.title,
    description: document.querySelector('meta[name="description"]')?.getAttribute("content") ?? null,
    canonical: document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? null,
    robots: document.querySelector('meta[name="robots"]')?.getAttribute("content") ?? null,
    hreflang: [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map((link): [string, string] => [link.getAttribute("hreflang") ?? "", link.getAttribute("href") ?? ""]),
    feeds: [...document.querySelectorAll('link[rel="alternate"][type="application/rss+xml"], link[rel="alternate"][type="application/atom+xml"]')].map((link) => link.getAttribute("href") ?? ""),
    meta: [...document.querySelectorAll("meta[property], meta[name]")].map((tag): [string, string] => [tag.getAttribute("property") ?? tag.getAttribute("name") ?? "", tag.getAttribute("content") ?? ""]),
    jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => script.textContent ?? ""),
  }));
  const meta = new Map<string, string[]>();
  for (const [key, value] of raw.meta) meta.set(key, [...(meta.get(key) ?? []), value]);
  return {
    ...raw,
    hreflang: Object.fromEntries(raw.hreflang),
    meta,
    jsonLd: raw.jsonLd.map((text) => JSON.parse(text) as Record<string, unknown>),
  };
}

function normalise(url: string | null | undefined): string | null {
  return url ? new URL(url).href : null;
}

function one(head: Head, key: string): string {
  const values = head.meta.get(key) ?? [];
  expect(values, `exactly one ${key}`).toHaveLength(1);
  return values[0] as string;
}

/** What every page kind must have, whatever it is. */
function expectCommonHead(head: Head, expected: { canonical: string; ogType: "website" | "article"; indexable?: boolean }) {
  expect(head.title.length).toBeGreaterThan(0);
  expect(head.description?.length ?? 0).toBeGreaterThan(4);
  // Next writes the root URL without its slash ("http://host"): the same URL once parsed.
  expect(normalise(head.canonical)).toBe(expected.canonical);
  expect(one(head, "og:type")).toBe(expected.ogType);
  expect(normalise(one(head, "og:url"))).toBe(expected.canonical);
  expect(one(head, "og:title").length).toBeGreaterThan(0);
  expect(one(head, "og:description")).toBe(head.description);
  expect(Number(one(head, "og:image:width"))).toBeGreaterThanOrEqual(1200);
  expect(Number(one(head, "og:image:height"))).toBeGreaterThan(0);
  expect(one(head, "og:image:alt").length).toBeGreaterThan(0);
  expect(one(head, "twitter:card")).toBe("summary_large_image");
  expect(one(head, "twitter:image")).toBe(one(head, "og:image"));
  expect(head.robots).toContain("max-image-preview:large");
  if (expected.indexable === false) {
    expect(head.robots).toContain("noindex");
    expect(head.robots).toMatch(/(^|, ?)follow/);
  } else {
    expect(head.robots).toMatch(/(^|, ?)index/);
    expect(head.robots).not.toContain("noindex");
  }
  // The site's feeds are announced on every page.
  expect(head.feeds).toContain(`${site}/feed.xml`);
  expect(head.feeds).toContain(`${site}/atom.xml`);
}

/** The preview image answers 200 with a picture type and is as wide as it claims, at least 1200 px. */
async function expectPreviewImage(request: APIRequestContext, head: Head) {
  const url = one(head, "og:image");
  expect(url.startsWith(`${site}/`)).toBe(true);
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  const type = response.headers()["content-type"];
  expect(["image/png", "image/jpeg"]).toContain(type);
  expect(one(head, "og:image:type")).toBe(type);
  const { width, height, format } = await sharp(await response.body()).metadata();
  expect(width).toBeGreaterThanOrEqual(1200);
  expect(width).toBe(Number(one(head, "og:image:width")));
  expect(height).toBe(Number(one(head, "og:image:height")));
  expect(`image/${format === "jpeg" ? "jpeg" : format}`).toBe(type);
}

function jsonLdOfType(head: Head, type: string): Record<string, unknown> {
  const found = head.jsonLd.filter((data) => data["@type"] === type);
  expect(found, `one ${type} JSON-LD`).toHaveLength(1);
  expect(found[0]?.["@context"]).toBe("https://schema.org");
  return found[0] as Record<string, unknown>;
}

test("the home page: site title, WebSite with a search action, x-default, generated card", async ({ page, request }) => {
  const head = await readHead(page, "/");
  expectCommonHead(head, { canonical: `${site}/`, ogType: "website" });
  // The site's name alone: every other page's title leads with its own name before it.
  expect(head.title).toBe("墨石新闻");
  expect(Object.keys(head.hreflang).sort()).toEqual(["x-default", "zh-CN"]);
  for (const href of Object.values(head.hreflang)) expect(normalise(href)).toBe(`${site}/`);
  expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
  const website = jsonLdOfType(head, "WebSite");
  expect(website.url).toBe(`${site}/`);
  const action = website.potentialAction as { "@type": string; target: { urlTemplate: string }; "query-input": string };
  expect(action["@type"]).toBe("SearchAction");
  expect(action.target.urlTemplate).toBe(`${site}/search?q={search_term_string}`);
  expect(action["query-input"]).toBe("required name=search_term_string");
  // The template really searches.
  const search = await request.get(action.target.urlTemplate.replace("{search_term_string}", encodeURIComponent("算力")));
  expect(search.status()).toBe(200);
  expect(await search.text()).toContain(`href="/articles/${seedSlug}"`);
  await expectPreviewImage(request, head);
});

test("the Chinese seed article: og:type article with zoned times, NewsArticle and breadcrumbs", async ({ page, request }) => {
  const canonical = `${site}/articles/${seedSlug}`;
  const head = await readHead(page, `/articles/${seedSlug}`);
  expectCommonHead(head, { canonical, ogType: "article" });
  expect(head.title).toBe(`${seedTitle} | 墨石新闻`);
  expect(head.description).toContain("刘庆峰");
  expect(head.hreflang).toEqual({ "zh-CN": canonical });
  expect(await page.locator("article").getAttribute("lang")).toBe("zh-CN");
  expect(one(head, "og:locale")).toBe("zh_CN");
  expect(one(head, "article:published_time")).toBe("2023-10-24T15:04:00+08:00");
  expect(one(head, "article:modified_time")).toBe("2023-10-24T15:04:00+08:00");
  // Its pictures are on thepaper's CDN, offline here: the preview is the generated card.
  expect(one(head, "og:image")).toMatch(new RegExp(`^${site}/social/articles/${seedSlug}/og-[a-f0-9]{16}\\.png$`));
  expect(one(head, "og:image:alt")).toContain(seedTitle);
  await expectPreviewImage(request, head);

  const article = jsonLdOfType(head, "NewsArticle");
  expect(article.headline).toBe(seedTitle);
  expect(article.datePublished).toBe("2023-10-24T15:04:00+08:00");
  expect(article.inLanguage).toBe("zh-CN");
  expect(article.author).toEqual([{ "@type": "Person", name: "邵文", url: `${site}/authors/shaowen` }]);
  expect(article.mainEntityOfPage).toEqual({ "@type": "WebPage", "@id": canonical });
  const images = article.image as string[];
  expect(images).toHaveLength(3);
  for (const [index, url] of images.entries()) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    const { width, height } = await sharp(await response.body()).metadata();
    expect(width / height).toBeCloseTo([1, 4 / 3, 16 / 9][index] as number, 2);
  }
  const breadcrumb = jsonLdOfType(head, "BreadcrumbList");
  const crumbs = breadcrumb.itemListElement as Array<{ position: number; name: string; item: string }>;
  expect(crumbs.at(0)).toMatchObject({ position: 1, name: "墨石新闻", item: `${site}/` });
  expect(crumbs.at(-1)).toMatchObject({ name: seedTitle, item: canonical });
});

test("an English article with a cover: the cover's 1280 px JPEG as preview, cover crops in JSON-LD", async ({ page, request }) => {
  const canonical = `${site}/articles/${englishSlug}`;
  const head = await readHead(page, `/articles/${englishSlug}`);
  expectCommonHead(head, { canonical, ogType: "article" });
  expect(head.title).toBe("Why solar panels slowly lose power, and how much it matters | 墨石新闻");
  expect(head.hreflang).toEqual({ en: canonical });
  expect(await page.locator("article").getAttribute("lang")).toBe("en");
  expect(one(head, "og:locale")).toBe("en_US");
  // 08:00 in London on 5 October is British Summer Time.
  expect(one(head, "article:published_time")).toBe("2026-10-05T08:00:00+01:00");
  expect(one(head, "article:section")).toBe("Science");
  expect(head.meta.get("article:tag")).toEqual(["energy", "explainer", "solar"]);
  expect(one(head, "og:image")).toMatch(new RegExp(`^${site}/media/[a-f0-9]{2}/[a-f0-9]{64}/w1280\\.jpg$`));
  await expectPreviewImage(request, head);
  // The section's feeds come first, the site's after.
  expect(head.feeds[0]).toMatch(new RegExp(`^${site}/sections/[a-z0-9-]+/feed\\.xml$`));

  const article = jsonLdOfType(head, "NewsArticle");
  expect(article.inLanguage).toBe("en");
  const images = article.image as string[];
  expect(images.map((url) => url.replace(/\/[a-f0-9]{2}\/[a-f0-9]{64}\/w\d+\.jpg$/, ""))).toEqual(
    ["1x1", "4x3", "16x9"].map((ratio) => `${site}/social/crops/${ratio}`),
  );
  for (const [index, url] of images.entries()) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/jpeg");
    expect(response.headers()["cache-control"]).toContain("immutable");
    const { width, height } = await sharp(await response.body()).metadata();
    expect(width * height).toBeGreaterThanOrEqual(50_000);
    expect(width / height).toBeCloseTo([1, 4 / 3, 16 / 9][index] as number, 2);
  }
});

test("section, tag and author pages: their own title, canonical, card and breadcrumbs; the author as a Person", async ({ page, request }) => {
  await page.goto(`/articles/${englishSlug}`);
  const sectionPath = (await page.locator("article header a[href^='/sections/']").first().getAttribute("href")) as string;
  const tagPath = (await page.locator("article footer a[href^='/tags/']").first().getAttribute("href")) as string;
  const authorPath = (await page.locator("article header a[href^='/authors/']").first().getAttribute("href")) as string;

  const section = await readHead(page, sectionPath);
  expectCommonHead(section, { canonical: `${site}${sectionPath}`, ogType: "website" });
  expect(section.title).toBe("Science | 墨石新闻");
  expect(section.feeds[0]).toBe(`${site}${sectionPath}/feed.xml`);
  expect(one(section, "og:image")).toMatch(new RegExp(`^${site}/social/sections/`));
  await expectPreviewImage(request, section);
  const sectionCrumbs = jsonLdOfType(section, "BreadcrumbList").itemListElement as Array<{ item: string }>;
  expect(sectionCrumbs.map((crumb) => crumb.item)).toEqual([`${site}/`, `${site}${sectionPath}`]);

  const tag = await readHead(page, tagPath);
  expectCommonHead(tag, { canonical: `${site}${tagPath}`, ogType: "website" });
  expect(tag.title).toBe("energy | 墨石新闻");
  expect(tag.feeds[0]).toBe(`${site}${tagPath}/feed.xml`);
  jsonLdOfType(tag, "BreadcrumbList");
  await expectPreviewImage(request, tag);

  const author = await readHead(page, authorPath);
  expectCommonHead(author, { canonical: `${site}${authorPath}`, ogType: "website" });
  expect(author.title).toBe("Priya Raman | 墨石新闻");
  const person = jsonLdOfType(author, "Person");
  expect(person).toMatchObject({ name: "Priya Raman", url: `${site}${authorPath}` });
  jsonLdOfType(author, "BreadcrumbList");

  // Every page kind has its own title and description.
  const heads = [section, tag, author];
  expect(new Set(heads.map((head) => head.title)).size).toBe(heads.length);
  expect(new Set(heads.map((head) => head.description)).size).toBe(heads.length);
});

test("search results: noindex, follow, canonical to the normalised search", async ({ page, request }) => {
  const head = await readHead(page, `/search?q=${encodeURIComponent(" 算力 ")}`);
  expectCommonHead(head, { canonical: `${site}/search?q=${encodeURIComponent("算力")}`, ogType: "website", indexable: false });
  expect(head.title).toBe("搜索：算力 | 墨石新闻");
  await expectPreviewImage(request, head);
});

test("a stale card URL redirects to the current one; unknown cards and crops are 404", async ({ request }) => {
  const stale = await request.get(`/social/articles/${seedSlug}/og-0000000000000000.png`, { maxRedirects: 0 });
  expect(stale.status()).toBe(307);
  expect(stale.headers().location).toMatch(new RegExp(`/social/articles/${seedSlug}/og-[a-f0-9]{16}\\.png$`));
  expect((await request.get("/social/articles/no-such-story/og-0000000000000000.png")).status()).toBe(404);
  expect((await request.get(`/social/articles/${seedSlug}/og-0000000000000000.svg`)).status()).toBe(404);
  expect((await request.get(`/social/crops/2x1/ab/${"ab".repeat(32)}/w1280.jpg`)).status()).toBe(404);
  expect((await request.get(`/social/crops/1x1/ab/${"ab".repeat(32)}/original.jpg`)).status()).toBe(404);
});
