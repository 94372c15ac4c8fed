// The first path segments the portal's own routes use (app/): an imported article's old address
// may not take one, or it would shadow a page.
const reservedSegments = new Set([
  "articles", "authors", "sections", "tags", "search", "api", "media", "social", "sitemaps", "_next",
  "sitemap.xml", "robots.txt", "feed.xml", "atom.xml", "favicon.ico", ".well-known",
]);

/**
 * True for "/" and for any path under one of the portal's own routes, or under `publicFiles` (the
 * names in public/, which Next serves at the root).
 */
export function isReservedSitePath(pathname: string, publicFiles: ReadonlySet<string> = new Set()): boolean {
  const first = (pathname.split("/")[1] ?? "").toLowerCase();
  return first === "" || reservedSegments.has(first) || publicFiles.has(first);
}
