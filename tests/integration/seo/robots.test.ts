// robots.txt as a crawler reads it: what it may fetch, what it may not, and where the sitemaps are.
import { describe, expect, it } from "vitest";
import { renderRobotsTxt } from "@/lib/seo/robots";
import { parseChildSitemapName } from "@/lib/seo/sitemap-paths";

/** The value of each "Field: value" line, in order, the way RFC 9309 parsers split them. */
function fields(text: string, name: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((line) => line.slice(name.length + 1).trim());
}

describe("robots.txt", () => {
  it("allows the site, keeps crawlers out of the API and the newsroom, and names both sitemaps absolutely", () => {
    const text = renderRobotsTxt({ siteUrl: "https://news.example.org" });
    expect(text).toBe(
      [
        "User-agent: *",
        "Allow: /",
        "Disallow: /api/",
        "Disallow: /newsroom",
        "",
        "Sitemap: https://news.example.org/sitemap.xml",
        "Sitemap: https://news.example.org/sitemaps/news.xml",
        "",
      ].join("\n"),
    );
  });

  it("names sitemaps the sitemap routes serve", () => {
    const [index, news] = fields(renderRobotsTxt({ siteUrl: "https://news.example.org" }), "Sitemap");
    expect(new URL(index ?? "").pathname).toBe("/sitemap.xml");
    expect(parseChildSitemapName(new URL(news ?? "").pathname.replace("/sitemaps/", ""))).toEqual({ type: "news" });
  });

  it("prefixes every rule and sitemap with the path of a site served below the root", () => {
    const text = renderRobotsTxt({ siteUrl: "https://example.com/inkstone/" });
    expect(fields(text, "Allow")).toEqual(["/inkstone/"]);
    expect(fields(text, "Disallow")).toEqual(["/inkstone/api/", "/inkstone/newsroom"]);
    expect(fields(text, "Sitemap")).toEqual(["https://example.com/inkstone/sitemap.xml", "https://example.com/inkstone/sitemaps/news.xml"]);
  });
});
