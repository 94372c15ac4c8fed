import { absoluteUrl } from "../site-url";
import { childSitemapPath, SITEMAP_INDEX_PATH } from "./sitemap-paths";

// robots.txt (RFC 9309): crawl everything readers see, nothing behind it.

/**
 * Paths crawlers must not fetch: the JSON endpoints and the editors' newsroom. "/newsroom" has no
 * trailing slash so it covers the newsroom's own landing page as well as everything under it.
 */
export const DISALLOWED_PATHS = ["/api/", "/newsroom"] as const;

/** The file's text. A SITE_URL with a path ("https://example.com/news") prefixes every rule with it. */
export function renderRobotsTxt({ siteUrl }: { siteUrl: string }): string {
  const sitePath = (path: string) => new URL(absoluteUrl(path, siteUrl)).pathname;
  return [
    "User-agent: *",
    `Allow: ${sitePath("/")}`,
    ...DISALLOWED_PATHS.map((path) => `Disallow: ${sitePath(path)}`),
    "",
    `Sitemap: ${absoluteUrl(SITEMAP_INDEX_PATH, siteUrl)}`,
    `Sitemap: ${absoluteUrl(childSitemapPath({ type: "news" }), siteUrl)}`,
    "",
  ].join("\n");
}
