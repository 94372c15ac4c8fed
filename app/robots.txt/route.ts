import { connection } from "next/server";
import { env } from "@/lib/env";
import { renderRobotsTxt } from "@/lib/seo/robots";

export async function GET(): Promise<Response> {
  // Rendered at request time so the sitemap URLs follow the SITE_URL the server runs with, not the build's.
  await connection();
  return new Response(renderRobotsTxt({ siteUrl: env.SITE_URL }), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
