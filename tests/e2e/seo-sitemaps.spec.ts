import { expect, test } from "@playwright/test";

// What a crawler finds on the running portal: robots.txt names the sitemaps, the index names its
// children, every URL is absolute under the portal's SITE_URL, and the pages they name exist.

const seedSlug = "xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli";
const draftSlug = "langang-port-october-throughput";

const locs = (xml: string, element = "loc") => [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, "g"))].map((match) => match[1] ?? "");

test("robots.txt allows the site, shuts the API and newsroom, and names both sitemaps absolutely", async ({ request, baseURL }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  const lines = (await response.text()).split("\n");
  expect(lines).toEqual(expect.arrayContaining(["User-agent: *", "Allow: /", "Disallow: /api/", "Disallow: /newsroom"]));
  expect(lines.filter((line) => line.startsWith("Sitemap: "))).toEqual([`Sitemap: ${baseURL}/sitemap.xml`, `Sitemap: ${baseURL}/sitemaps/news.xml`]);
});

test("the sitemap index and its children answer as XML with absolute URLs to pages that exist", async ({ request, baseURL }) => {
  const index = await request.get("/sitemap.xml");
  expect(index.status()).toBe(200);
  expect(index.headers()["content-type"]).toBe("application/xml; charset=utf-8");
  expect(index.headers()["cache-control"]).toBe("public, max-age=300");
  const indexXml = await index.text();
  expect(indexXml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
  const children = locs(indexXml);
  expect(children).toEqual(
    expect.arrayContaining(["articles-1", "sections-1", "tags-1", "authors-1"].map((name) => `${baseURL}/sitemaps/${name}.xml`).concat(`${baseURL}/sitemaps/news.xml`)),
  );

  const pages: string[] = [];
  for (const child of children) {
    expect(child.startsWith(`${baseURL}/sitemaps/`)).toBe(true);
    const response = await request.get(child.slice(baseURL!.length));
    expect(response.status(), child).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<urlset /);
    pages.push(...locs(xml));
    for (const image of locs(xml, "image:loc")) expect(image).toMatch(/^https?:\/\//);
  }
  for (const page of pages) expect(page.startsWith(`${baseURL}/`), page).toBe(true);
  expect(pages).toContain(`${baseURL}/articles/${seedSlug}`);
  expect(pages).toContain(`${baseURL}/sections/tiyu`);
  expect(pages.some((page) => page.includes(draftSlug))).toBe(false);

  // A crawler following them finds real pages: one of each kind.
  for (const prefix of ["/articles/", "/sections/", "/tags/", "/authors/"]) {
    const page = pages.find((url) => url.startsWith(`${baseURL}${prefix}`));
    expect(page, prefix).toBeDefined();
    expect((await request.get(page!.slice(baseURL!.length))).status(), page).toBe(200);
  }
});

test("a child sitemap that does not exist is 404", async ({ request }) => {
  for (const path of ["/sitemaps/articles-99.xml", "/sitemaps/pages-1.xml", "/sitemaps/articles-01.xml"]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});
