import { env } from "./env";

/**
 * The public address of a site path ("/articles/x" → "https://example.com/articles/x"): the one
 * place absolute URLs are built, for feeds, sitemaps and anything else read away from the site.
 * A SITE_URL with a path ("https://example.com/news") prefixes it, as Next's metadataBase does.
 */
export function absoluteUrl(path: string, siteUrl: string = env.SITE_URL): string {
  if (!path.startsWith("/") || path.startsWith("//")) {
    throw new Error(`absoluteUrl takes a site path starting with one "/", not ${JSON.stringify(path)}`);
  }
  const base = new URL(siteUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  return new URL(`${base.origin}${prefix}${path}`).href;
}
