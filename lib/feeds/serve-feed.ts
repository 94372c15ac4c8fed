import "server-only";
import { unstable_cache } from "next/cache";
import { connection } from "next/server";
import { articleListsTag } from "../cache-tags";
import { slugPattern } from "../content/slug-pattern";
import { getDb } from "../db/client";
import { env } from "../env";
import type { FeedFormat, FeedScope } from "./feed-scope";
import { buildFeedDocument, type FeedDocument, respondWithFeedDocument } from "./feed-response";

/**
 * One feed document from Next's data cache, built from the database only on a miss. Every write
 * that changes what any list shows revalidates the lists tag (lib/cache-tags.ts), so the cached
 * copy is current until then; a section's or tag's existence rides on the same tag, since ingest
 * creates them only with their articles.
 */
export function getCachedFeedDocument(scope: FeedScope, format: FeedFormat): Promise<FeedDocument> {
  const key = ["feed", scope.kind, scope.kind === "site" ? "" : scope.slug, format];
  return unstable_cache(async () => buildFeedDocument(await getDb(), scope, format, { language: env.SITE_LANGUAGE, now: () => new Date() }), key, {
    tags: [articleListsTag],
  })();
}

/** A feed route's response, wired to the real database, configuration, clock and cache. */
export async function serveFeed(request: Request, scope: FeedScope, format: FeedFormat): Promise<Response> {
  // Rendered per request (the conditional headers differ), the document itself from the cache.
  await connection();
  // A slug no section or tag can have is answered without filling the cache with it.
  if (scope.kind !== "site" && (scope.slug.length > 120 || !slugPattern.test(scope.slug))) {
    return respondWithFeedDocument(request, { found: false }, format);
  }
  return respondWithFeedDocument(request, await getCachedFeedDocument(scope, format), format);
}
