// What a crawler gets from `next start`, status line and headers first: 404 with a way on, 410 for
// withdrawn stories, 301 for old slugs and non-canonical spellings (in one hop), and 304 for a copy
// that is still current. The stories are made by tests/support/e2e-fixtures.ts.
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { e2eDatabaseFile, e2eEnv } from "../../playwright.config";
import { e2eFixtures as f } from "../support/e2e-fixtures";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const noRedirects = { maxRedirects: 0 };

function updateArticle(slug: string, sql: string, ...values: string[]): void {
  const db = new Database(path.join(repoRoot, e2eDatabaseFile));
  try {
    db.prepare(`UPDATE "Article" SET ${sql} WHERE "slug" = ?`).run(...values, slug);
  } finally {
    db.close();
  }
}

async function notify(request: APIRequestContext, tags: string[]): Promise<void> {
  const response = await request.post("/api/revalidate", { data: { tags }, headers: { authorization: `Bearer ${e2eEnv.REVALIDATE_SECRET}` } });
  expect(response.status()).toBe(200);
}

/** A page's validators once it is in Next's cache (the first request may render it and send none). */
async function cachedValidators(request: APIRequestContext, url: string): Promise<{ etag: string; lastModified: string }> {
  await request.get(url, noRedirects);
  const response = await request.get(url, noRedirects);
  expect(response.status(), url).toBe(200);
  const { etag, "last-modified": lastModified } = response.headers();
  expect(etag, `${url} ETag`).toBeTruthy();
  expect(Date.parse(lastModified ?? ""), `${url} Last-Modified`).not.toBeNaN();
  // Without it a browser would guess a freshness lifetime from Last-Modified and skip asking.
  expect(response.headers()["cache-control"], `${url} Cache-Control`).toMatch(/max-age=0|no-cache/);
  return { etag: etag!, lastModified: lastModified! };
}

test("unknown URLs of every kind answer 404 with a page that offers a way on", async ({ request, page }) => {
  for (const url of ["/nope", "/articles/nope", "/articles/not_a_slug!", `/articles/${f.neverPublishedSlug}`, "/sections/nope", "/tags/nope", "/authors/nope", "/nope/deeper/still"]) {
    expect((await request.get(url, noRedirects)).status(), url).toBe(404);
  }
  const response = await page.goto("/articles/no-such-story");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("找不到这个页面");
  // Next adds its own noindex to every 404, and nothing contradicts it.
  await expect(page.locator('meta[name="robots"]')).toHaveCount(1);
  await expect(page.locator('meta[name="robots"][content="noindex"]')).toHaveCount(1);
  const search = page.getByRole("search", { name: /搜索你要找的报道/ });
  await search.getByRole("searchbox").fill("潮汐");
  await expect(page.getByRole("link", { name: "返回首页" })).toHaveAttribute("href", "/");
  await expect(page.getByRole("heading", { name: "最新报道" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Technology" })).toHaveAttribute("href", "/sections/technology");
  await search.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/\/search\?q=%E6%BD%AE%E6%B1%90$/);
});

test("withdrawn stories answer 410 with a page that is not indexed, and appear nowhere else", async ({ request }) => {
  for (const [slug, title] of [
    [f.turnedDraftSlug, f.turnedDraftTitle],
    [f.prunedSlug, f.prunedTitle],
  ] as const) {
    const response = await request.get(`/articles/${slug}`, noRedirects);
    expect(response.status(), slug).toBe(410);
    expect(response.headers()["x-robots-tag"]).toBe("noindex");
    const html = await response.text();
    expect(html).toContain(`《${title}》已不再提供。`);
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<a href="/">返回首页</a>');
  }
  const places = ["/", "/sections/technology", "/feed.xml", "/sections/technology/atom.xml", "/search?q=ferry"];
  for (const url of places) {
    const body = await (await request.get(url)).text();
    expect(body, url).not.toContain(f.turnedDraftSlug);
    expect(body, url).not.toContain(f.prunedSlug);
  }
  expect(await (await request.get("/sections/technology")).text()).toContain(f.renamedSlug);
});

test("an old slug answers 301 to the current one, in one hop", async ({ request }) => {
  const response = await request.get(`/articles/${f.formerSlug}?ref=mail`, noRedirects);
  expect(response.status()).toBe(301);
  expect(new URL(response.headers().location!, "http://x").pathname + new URL(response.headers().location!, "http://x").search).toBe(
    `/articles/${f.renamedSlug}?ref=mail`,
  );
  const target = await request.get(`/articles/${f.renamedSlug}`, noRedirects);
  expect(target.status()).toBe(200);
  expect(await target.text()).toContain(f.renamedTitle);
});

test("an imported story's address on its old site answers 301 to the article, in one hop, with or without its slash", async ({ request }) => {
  for (const from of [f.importedAlias, f.importedAlias.replace(/\/$/, "")]) {
    const response = await request.get(from, noRedirects);
    expect(response.status(), from).toBe(301);
    expect(new URL(response.headers().location!, "http://x").pathname, from).toBe(`/articles/${f.importedSlug}`);
  }
  expect(await (await request.get(`/articles/${f.importedSlug}`)).text()).toContain(f.importedTitle);
  expect((await request.get("/2018/07/no-such-story", noRedirects)).status()).toBe(404);
});

test("trailing slashes, upper case and duplicate queries redirect to one canonical URL in one hop", async ({ request }) => {
  const cases: Array<[string, string]> = [
    [`/Articles/${f.renamedSlug.toUpperCase()}/`, `/articles/${f.renamedSlug}`],
    [`/articles/${f.renamedSlug}/`, `/articles/${f.renamedSlug}`],
    ["/Sections/Technology?utm_source=x", "/sections/technology?utm_source=x"],
    ["/sections/technology/?page=1", "/sections/technology"],
    ["/sections/technology?page=1&x=2", "/sections/technology?x=2"],
    ["/search?q=", "/search"],
    ["/FEED.XML", "/feed.xml"],
    [`/Articles/${f.formerSlug}`, `/articles/${f.formerSlug}`],
  ];
  for (const [from, to] of cases) {
    const response = await request.get(from, noRedirects);
    expect(response.status(), from).toBe(301);
    const location = new URL(response.headers().location!, "http://x");
    expect(location.pathname + location.search, from).toBe(to);
  }
  // Already canonical: served as is.
  for (const url of ["/", "/sections/technology?page=2", "/search?q=tide"]) {
    expect([200, 404], url).toContain((await request.get(url, noRedirects)).status());
  }
});

test("the home page, an article and a feed answer 304 to If-None-Match and to If-Modified-Since", async ({ request }) => {
  for (const url of ["/", `/articles/${f.renamedSlug}`, "/feed.xml"]) {
    const { etag, lastModified } = await cachedValidators(request, url);
    const byTag = await request.get(url, { ...noRedirects, headers: { "If-None-Match": etag } });
    expect(byTag.status(), `${url} If-None-Match`).toBe(304);
    expect(await byTag.text()).toBe("");
    const byDate = await request.get(url, { ...noRedirects, headers: { "If-Modified-Since": lastModified } });
    expect(byDate.status(), `${url} If-Modified-Since`).toBe(304);
    const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await request.get(url, { ...noRedirects, headers: { "If-Modified-Since": older } })).status(), `${url} older copy`).toBe(200);
    expect((await request.get(url, { ...noRedirects, headers: { "If-None-Match": '"an-old-etag"' } })).status(), `${url} other ETag`).toBe(200);
  }
});

test("a changed article gets a new ETag and Last-Modified once the portal is told; a cached feed never read the change before", async ({ request }) => {
  const url = `/articles/${f.renamedSlug}`;
  const before = await cachedValidators(request, url);
  const feedBefore = await (await request.get("/sections/technology/feed.xml")).text();
  const changedTitle = `${f.renamedTitle} (corrected)`;
  // One second later at least: HTTP dates have whole seconds.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  updateArticle(f.renamedSlug, `"title" = ?, "updatedAt" = ?`, changedTitle, new Date().toISOString().replace("Z", "+00:00"));
  try {
    // Nobody told the portal: cached answers must not have read the row.
    expect(await (await request.get("/sections/technology/feed.xml")).text()).toBe(feedBefore);
    expect((await request.get(url, { headers: { "If-None-Match": before.etag } })).status()).toBe(304);

    await notify(request, [`article:${f.renamedSlug}`, "articles", "sections"]);
    const after = await cachedValidators(request, url);
    expect(after.etag).not.toBe(before.etag);
    expect(Date.parse(after.lastModified)).toBeGreaterThan(Date.parse(before.lastModified));
    const fresh = await request.get(url, { headers: { "If-None-Match": before.etag } });
    expect(fresh.status()).toBe(200);
    expect(await fresh.text()).toContain(changedTitle);
    expect(await (await request.get("/sections/technology/feed.xml")).text()).toContain(changedTitle);
  } finally {
    updateArticle(f.renamedSlug, `"title" = ?`, f.renamedTitle);
    await notify(request, [`article:${f.renamedSlug}`, "articles", "sections"]);
  }
});

test("a story withdrawn while the portal runs answers 410 as soon as the portal is told, and 200 when it is back", async ({ request }) => {
  const url = `/articles/${f.renamedSlug}`;
  expect((await request.get(url, noRedirects)).status()).toBe(200);
  updateArticle(f.renamedSlug, `"status" = ?`, "withdrawn");
  try {
    await notify(request, [`article:${f.renamedSlug}`, "articles", "sections"]);
    expect((await request.get(url, noRedirects)).status()).toBe(410);
    // Its old slug no longer redirects to a page that is gone.
    expect((await request.get(`/articles/${f.formerSlug}`, noRedirects)).status()).toBe(410);
  } finally {
    updateArticle(f.renamedSlug, `"status" = ?`, "published");
    await notify(request, [`article:${f.renamedSlug}`, "articles", "sections"]);
  }
  expect((await request.get(url, noRedirects)).status()).toBe(200);
  expect((await request.get(`/articles/${f.formerSlug}`, noRedirects)).status()).toBe(301);
});
