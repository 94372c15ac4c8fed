import { connection } from "next/server";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";
import { respondWithChildSitemap } from "@/lib/seo/sitemap-response";

type ChildSitemapRouteContext = { params: Promise<{ name: string }> };

export async function GET(_request: Request, { params }: ChildSitemapRouteContext): Promise<Response> {
  await connection();
  const { name } = await params;
  return respondWithChildSitemap(await getDb(), name, {
    siteUrl: env.SITE_URL,
    // The name the site's own pages show, which is the one Google News must match.
    publicationName: getDictionary(env.SITE_LANGUAGE).siteName,
    now: () => new Date(),
  });
}
