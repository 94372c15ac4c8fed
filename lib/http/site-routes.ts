// The first path segments the portal's own routes use (app/): an imported article's old address
// may not take one, or it would shadow a page.
const reservedSegments = new Set([
  "articles", "authors", "sections", "tags", "search", "api", "media", "social", "sitemaps", "_next",
  "sitemap.xml", "robots.txt", "feed.xml", "atom.xml", "favicon.ico",
]);

/** True for "/" and for any path under one of the portal's own routes. */
export function isReservedSitePath(pathname: string): boolean {
  const first = pathname.split("/")[1] ?? "";
  return first === "" || reservedSegments.has(first.toLowerCase());
}
