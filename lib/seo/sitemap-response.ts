import "server-only";
import type { Db } from "../db/client";
import { generateNewsSitemap, type NewsSitemapOptions } from "./news-sitemap";
import { generateSitemapIndex, openChildSitemap, type SitemapOptions } from "./sitemap";
import { parseChildSitemapName } from "./sitemap-paths";
import { streamTextChunks } from "./sitemap-stream";

// The sitemap routes' responses. They read the database on every request (streamed, a batch at a
// time, so that is cheap), which is what lets an ingest show up in the next fetch without any
// cache to revalidate; shared caches may keep a copy for a few minutes.

export const SITEMAP_CONTENT_TYPE = "application/xml; charset=utf-8";
const SITEMAP_CACHE_CONTROL = "public, max-age=300";
// Google News wants new stories within minutes.
const NEWS_SITEMAP_CACHE_CONTROL = "public, max-age=60";

function xmlResponse(chunks: AsyncIterable<string>, cacheControl: string): Response {
  return new Response(streamTextChunks(chunks), {
    status: 200,
    headers: { "Content-Type": SITEMAP_CONTENT_TYPE, "Cache-Control": cacheControl },
  });
}

function notFound(): Response {
  return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function respondWithSitemapIndex(db: Db, options: SitemapOptions): Response {
  return xmlResponse(generateSitemapIndex(db, options), SITEMAP_CACHE_CONTROL);
}

/** A child sitemap by its file name ("articles-1.xml", "news.xml"); 404 for a name or page that does not exist. */
export async function respondWithChildSitemap(
  db: Db,
  fileName: string,
  options: SitemapOptions & Omit<NewsSitemapOptions, "siteUrl">,
): Promise<Response> {
  const name = parseChildSitemapName(fileName);
  if (name === null) return notFound();
  if (name.type === "news") return xmlResponse(generateNewsSitemap(db, options), NEWS_SITEMAP_CACHE_CONTROL);
  const chunks = await openChildSitemap(db, name, options);
  return chunks === null ? notFound() : xmlResponse(chunks, SITEMAP_CACHE_CONTROL);
}
