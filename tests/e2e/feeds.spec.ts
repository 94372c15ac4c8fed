import { expect, type Page, test } from "@playwright/test";
import Parser from "rss-parser";

const parser = new Parser();

/** The hrefs of a page's <link rel="alternate"> of one type, in document order. */
async function alternateLinks(page: Page, type: string): Promise<string[]> {
  return page.locator(`head link[rel="alternate"][type="${type}"]`).evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
}

test("every page announces the site feeds, and they answer as RSS and Atom", async ({ page, request, baseURL }) => {
  await page.goto("/");
  expect(await alternateLinks(page, "application/rss+xml")).toEqual([`${baseURL}/feed.xml`]);
  expect(await alternateLinks(page, "application/atom+xml")).toEqual([`${baseURL}/atom.xml`]);

  const rss = await request.get("/feed.xml");
  expect(rss.status()).toBe(200);
  expect(rss.headers()["content-type"]).toBe("application/rss+xml; charset=utf-8");
  const feed = await parser.parseString(await rss.text());
  expect(feed.title).toBe("墨石新闻");
  expect(feed.items.map((item) => item.title)).toContain("讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台");
  for (const item of feed.items) expect(item.link?.startsWith(`${baseURL}/articles/`)).toBe(true);

  const atom = await request.get("/atom.xml");
  expect(atom.status()).toBe(200);
  expect(atom.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  expect((await parser.parseString(await atom.text())).items.length).toBe(feed.items.length);
});

test("section and tag pages announce their own feed first, and it lists their stories", async ({ page, request, baseURL }) => {
  await page.goto("/sections/tiyu");
  expect(await alternateLinks(page, "application/rss+xml")).toEqual([`${baseURL}/sections/tiyu/feed.xml`, `${baseURL}/feed.xml`]);
  expect(await alternateLinks(page, "application/atom+xml")).toEqual([`${baseURL}/sections/tiyu/atom.xml`, `${baseURL}/atom.xml`]);
  const section = await parser.parseString(await (await request.get("/sections/tiyu/feed.xml")).text());
  expect(section.title).toBe("体育 | 墨石新闻");
  expect(section.items.map((item) => item.title)).toContain("澜港马拉松鸣枪，三万跑者沿江奔跑");

  // A tag of the marathon story, by slug, from the section's Atom feed (its categories carry slugs).
  const sectionAtom = await (await request.get("/sections/tiyu/atom.xml")).text();
  const marathonEntry = sectionAtom.split("<entry").find((entry) => entry.includes("澜港马拉松鸣枪，三万跑者沿江奔跑")) ?? "";
  const tagSlug = /<category term="([a-z0-9-]+)" scheme="[^"]*\/tags\/" label="([^"]+)"\/>/.exec(marathonEntry);
  expect(tagSlug).not.toBeNull();
  const [, slug = "", tagName = ""] = tagSlug ?? [];
  const tagPath = `/tags/${slug}`;
  await page.goto(tagPath);
  expect(await alternateLinks(page, "application/atom+xml")).toEqual([`${baseURL}${tagPath}/atom.xml`, `${baseURL}/atom.xml`]);
  const tagFeed = await request.get(`${tagPath}/atom.xml`);
  expect(tagFeed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  const parsed = await parser.parseString(await tagFeed.text());
  expect(parsed.title).toBe(`${tagName} | 墨石新闻`);
  expect(parsed.items.map((item) => item.title)).toContain("澜港马拉松鸣枪，三万跑者沿江奔跑");
});

test("feeds of unknown sections and tags are 404, and a current copy gets 304", async ({ request }) => {
  for (const path of ["/sections/no-such-section/feed.xml", "/sections/no-such-section/atom.xml", "/tags/no-such-tag/feed.xml", "/tags/no-such-tag/atom.xml"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
  const first = await request.get("/sections/tiyu/feed.xml");
  const lastModified = first.headers()["last-modified"];
  expect(lastModified).toMatch(/GMT$/);
  const again = await request.get("/sections/tiyu/feed.xml", { headers: { "If-Modified-Since": lastModified ?? "" } });
  expect(again.status()).toBe(304);
});
