// One URL per page. Every reader route is lower-case and has no trailing slash; slugs are
// lower-case ASCII (lib/content/slug-pattern.ts), so the lower-case spelling of a mixed-case reader
// path is the only one that can exist. Other paths (media keys, API) are left as they are: their
// case may matter, and guessing would turn one wrong URL into another.

/** First path segments of reader routes, whose whole path is safe to lower-case. */
const readerRoots = new Set(["articles", "sections", "tags", "authors", "search", "feed.xml", "atom.xml"]);
/** Pages with `?page=`, where page 1 is the page without it. */
const paginated = /^\/(?:|search|(?:sections|tags|authors)\/[^/]+)$/;

/**
 * The canonical form of a path and query string, or null when it already is canonical: no
 * trailing slash, reader paths in lower case, no `?page=1` on a list, no empty `q` on /search.
 * Everything else in the query is kept, in order.
 */
export function canonicalizeUrl(pathname: string, search: string): { pathname: string; search: string } | null {
  let path = pathname.length > 1 ? pathname.replace(/\/+$/, "") || "/" : pathname;
  const root = path.split("/")[1] ?? "";
  if (readerRoots.has(root.toLowerCase())) path = path.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  const params = new URLSearchParams(search);
  if (paginated.test(path) && params.getAll("page").length === 1 && params.get("page") === "1") params.delete("page");
  if (path === "/search" && params.getAll("q").length === 1 && params.get("q")?.trim() === "") params.delete("q");
  const query = params.toString();
  const canonicalSearch = query ? `?${query}` : "";
  // Compare decoded forms: URLSearchParams re-encodes, and `%20` versus `+` is not a different page.
  const unchanged = path === pathname && new URLSearchParams(search).toString() === query;
  return unchanged ? null : { pathname: path, search: canonicalSearch };
}
