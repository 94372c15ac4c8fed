import { type NextRequest, NextResponse } from "next/server";
import { toAliasPath } from "@/lib/content/front-matter-dialects";
import { slugPattern } from "@/lib/content/slug-pattern";
import { env } from "@/lib/env";
import { getCachedArticleAliasFate, getCachedArticleSlugFate, getCachedContentLastModified } from "@/lib/http/article-fates";
import { canonicalizeUrl } from "@/lib/http/canonical-url";
import { isNotModifiedSince } from "@/lib/http/conditional-request";
import { renderGoneResponse } from "@/lib/http/gone-page";
import { isReservedSitePath } from "@/lib/http/site-routes";

// HTTP semantics a crawler trusts, decided before any page renders:
// - one URL per page: a trailing slash, upper case on a reader path, `?page=1` or an empty search
//   answer 301 to the canonical URL in one hop (next.config.ts turns off Next's own trailing-slash
//   308, which would otherwise run first and make it two);
// - /articles/<old slug> answers 301 to the article's current slug, and a withdrawn story 410;
//   so does an imported article's old address on the site it came from (/2019/01/old-post/), in
//   one hop whatever its trailing slash;
//   A page can only answer 200, 404 or a redirect, so these live here; the lookup is remembered in
//   this process until the revalidation endpoint says content changed (lib/http/article-fates.ts),
//   so a request touches the database only after an ingest changed something;
// - the home page and article pages carry Last-Modified and answer If-Modified-Since with 304.
//   Next itself sends the ETag (a hash of the cached page) and answers If-None-Match.
//   Caches must revalidate them each time (see withLastModified).

/** Pages are rendered by this process, so none is older than its start (a deploy changes HTML too). */
const startedAt = new Date(Math.floor(Date.now() / 1000) * 1000);

async function withLastModified(request: NextRequest): Promise<NextResponse> {
  const contentChanged = await getCachedContentLastModified();
  const lastModified = contentChanged && contentChanged > startedAt ? contentChanged : startedAt;
  // max-age=0: with a Last-Modified and no max-age, browsers would otherwise guess a freshness
  // lifetime (RFC 9111 §4.2.2) and show a changed story from their cache without asking; every
  // revalidation is a cheap 304. Next keeps a Cache-Control already on the response. Not no-cache:
  // Next copies a proxy's response headers into the request too, and a request saying no-cache
  // turns off its own If-None-Match check.
  const headers = { "Last-Modified": lastModified.toUTCString(), "Cache-Control": "public, max-age=0, must-revalidate" };
  // If-None-Match, when sent, is Next's to answer; If-Modified-Since counts only without it.
  if (!request.headers.has("if-none-match") && isNotModifiedSince(lastModified, request.headers.get("if-modified-since"))) {
    return new NextResponse(null, { status: 304, headers });
  }
  return NextResponse.next({ headers });
}

export async function proxy(request: NextRequest): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (!isReservedSitePath(pathname)) {
    const aliasPath = toAliasPath(pathname);
    const fate = aliasPath === null ? null : await getCachedArticleAliasFate(aliasPath);
    if (fate?.kind === "moved") return NextResponse.redirect(new URL(`/articles/${fate.to}`, request.url), 301);
    if (fate?.kind === "gone") return renderGoneResponse(fate.title, env.SITE_LANGUAGE);
  }
  const canonical = canonicalizeUrl(pathname, search);
  // Plain URLs: a cloned NextURL puts back the trailing slash the request came with.
  if (canonical) return NextResponse.redirect(new URL(`${canonical.pathname}${canonical.search}`, request.url), 301);
  if (pathname === "/") return withLastModified(request);
  const slug = /^\/articles\/([^/]+)$/.exec(pathname)?.[1];
  // Anything that is not a slug's shape is the page's 404 to give.
  if (slug === undefined || slug.length > 120 || !slugPattern.test(slug)) return NextResponse.next();
  const fate = await getCachedArticleSlugFate(slug);
  if (fate.kind === "moved") return NextResponse.redirect(new URL(`/articles/${fate.to}${search}`, request.url), 301);
  if (fate.kind === "gone") return renderGoneResponse(fate.title, env.SITE_LANGUAGE);
  if (fate.kind === "published") return withLastModified(request);
  return NextResponse.next();
}

export const config = {
  // Everything but Next's own assets: trailing slashes are normalised here for every path.
  matcher: "/((?!_next/).*)",
};
