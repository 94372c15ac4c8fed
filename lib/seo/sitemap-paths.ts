// Where the sitemaps live, shared by their routes, the index and robots.txt so all three agree.

/** The protocol's limit on URLs per sitemap. */
export const SITEMAP_MAX_URLS = 50_000;

export const SITEMAP_TYPES = ["articles", "sections", "tags", "authors"] as const;
export type SitemapType = (typeof SITEMAP_TYPES)[number];

/** A child sitemap's address: a numbered page of one type, or the Google News sitemap. */
export type ChildSitemapName = { type: SitemapType; page: number } | { type: "news" };

export const SITEMAP_INDEX_PATH = "/sitemap.xml";
const NEWS_SITEMAP_FILE = "news.xml";

const pagedNamePattern = new RegExp(`^(${SITEMAP_TYPES.join("|")})-([1-9][0-9]{0,8})\\.xml$`);

/**
 * "articles-2.xml" → page 2 of the articles; "news.xml" → the news sitemap; anything else → null,
 * including spellings of a real page that are not its one address ("articles-02.xml", "Tags-1.xml").
 */
export function parseChildSitemapName(name: string): ChildSitemapName | null {
  if (name === NEWS_SITEMAP_FILE) return { type: "news" };
  const match = pagedNamePattern.exec(name);
  if (!match) return null;
  return { type: match[1] as SitemapType, page: Number(match[2]) };
}

/** The site path of a child sitemap: "/sitemaps/articles-1.xml", "/sitemaps/news.xml". */
export function childSitemapPath(name: ChildSitemapName): string {
  return name.type === "news" ? `/sitemaps/${NEWS_SITEMAP_FILE}` : `/sitemaps/${name.type}-${name.page}.xml`;
}
