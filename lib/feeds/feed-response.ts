import "server-only";
import type { Db } from "../db/client";
import { renderAtomFeed } from "./atom";
import { FEED_CONTENT_TYPES, type FeedFormat, type FeedScope } from "./feed-scope";
import { type LoadFeedOptions, loadFeed } from "./load-feed";
import { renderRssFeed } from "./rss";

/**
 * Whether the client's copy, dated by If-Modified-Since, is still current. HTTP dates have whole
 * seconds, so the comparison drops the milliseconds the database keeps. An unparsable date is
 * ignored, as RFC 9110 §13.1.3 requires.
 */
export function isNotModifiedSince(lastModified: Date, ifModifiedSince: string | null): boolean {
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

/**
 * The whole of a feed route: 404 for an unknown section or tag, 304 when the client's copy is
 * current, else the feed with its content type and Last-Modified.
 */
export async function respondWithFeed(
  db: Db,
  request: Request,
  scope: FeedScope,
  format: FeedFormat,
  options: LoadFeedOptions,
): Promise<Response> {
  const feed = await loadFeed(db, scope, options);
  if (!feed) {
    return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const headers = new Headers();
  if (feed.lastModified) {
    headers.set("Last-Modified", feed.lastModified.toUTCString());
    if (isNotModifiedSince(feed.lastModified, request.headers.get("If-Modified-Since"))) {
      return new Response(null, { status: 304, headers });
    }
  }
  headers.set("Content-Type", `${FEED_CONTENT_TYPES[format]}; charset=utf-8`);
  return new Response(format === "rss" ? renderRssFeed(feed) : renderAtomFeed(feed), { status: 200, headers });
}
