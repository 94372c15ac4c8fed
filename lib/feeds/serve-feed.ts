import "server-only";
import { connection } from "next/server";
import { getDb } from "../db/client";
import { env } from "../env";
import type { FeedFormat, FeedScope } from "./feed-scope";
import { respondWithFeed } from "./feed-response";

/** A feed route's response, wired to the real database, configuration and clock. */
export async function serveFeed(request: Request, scope: FeedScope, format: FeedFormat): Promise<Response> {
  // Read per request, so an ingest shows up in the next fetch.
  await connection();
  return respondWithFeed(await getDb(), request, scope, format, { language: env.SITE_LANGUAGE, now: () => new Date() });
}
