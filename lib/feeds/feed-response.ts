import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "../db/client";
import { isNotModified } from "../http/conditional-request";
import { renderAtomFeed } from "./atom";
import { FEED_CONTENT_TYPES, type FeedFormat, type FeedScope } from "./feed-scope";
import { type LoadFeedOptions, loadFeed } from "./load-feed";
import { renderRssFeed } from "./rss";

/**
 * A feed as it is served: the XML and its validators. Plain JSON (dates as ISO strings), so the
 * data cache can keep it as it is; `found: false` for a section or tag that does not exist.
 */
export type FeedDocument =
  | { found: true; xml: string; etag: string; lastModified: string | null }
  | { found: false };

/** Loads and renders one feed. The entity tag hashes the XML: it changes exactly when the bytes do. */
export async function buildFeedDocument(db: Db, scope: FeedScope, format: FeedFormat, options: LoadFeedOptions): Promise<FeedDocument> {
  const feed = await loadFeed(db, scope, options);
  if (!feed) return { found: false };
  const xml = format === "rss" ? renderRssFeed(feed) : renderAtomFeed(feed);
  const etag = `"${createHash("sha256").update(xml).digest("base64url").slice(0, 27)}"`;
  return { found: true, xml, etag, lastModified: feed.lastModified?.toISOString() ?? null };
}

/**
 * A feed route's response for a built document: 404 for an unknown section or tag, 304 when the
 * client's copy is current (If-None-Match, else If-Modified-Since), else the feed. Caches may keep
 * it but must ask again each time (`no-cache`), so a new story is never hidden behind a max-age.
 */
export function respondWithFeedDocument(request: Request, document: FeedDocument, format: FeedFormat): Response {
  if (!document.found) {
    return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const lastModified = document.lastModified === null ? null : new Date(document.lastModified);
  const headers = new Headers({ ETag: document.etag, "Cache-Control": "public, no-cache" });
  if (lastModified) headers.set("Last-Modified", lastModified.toUTCString());
  if (isNotModified(request.headers, { etag: document.etag, lastModified })) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", `${FEED_CONTENT_TYPES[format]}; charset=utf-8`);
  return new Response(document.xml, { status: 200, headers });
}

/** The whole of a feed route without a cache: what the tests call, and what a cache miss does. */
export async function respondWithFeed(
  db: Db,
  request: Request,
  scope: FeedScope,
  format: FeedFormat,
  options: LoadFeedOptions,
): Promise<Response> {
  return respondWithFeedDocument(request, await buildFeedDocument(db, scope, format, options), format);
}
