import { connection } from "next/server";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { respondWithSitemapIndex } from "@/lib/seo/sitemap-response";

export async function GET(): Promise<Response> {
  // Read per request, so an ingest shows up in the next fetch.
  await connection();
  return respondWithSitemapIndex(await getDb(), { siteUrl: env.SITE_URL });
}
