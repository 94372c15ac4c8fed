import "server-only";
import type { Db } from "../db/client";
import { listPublishedArticlesForNews } from "../db/sitemap";
import { formatRfc3339InZone } from "../feeds/feed-dates";
import { absoluteUrl } from "../site-url";
import { closeUrlset, openUrlset, renderNewsEntry, renderUrlEntry } from "./sitemap-xml";

// The Google News sitemap: the stories published in the last two days, newest first, as Google's
// news extension describes them (publication name and language, publication date, title).

/** Google News reads a story from a news sitemap for two days after its publication. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
/** Google's cap on <news:news> entries per news sitemap. */
export const NEWS_MAX_URLS = 1000;

/**
 * The language code Google News wants: an ISO 639 code in lower case ("en", "de"), except Chinese,
 * which must say its script as "zh-cn" (Simplified) or "zh-tw" (Traditional). A tag that names a
 * Traditional script or a region that writes it (zh-TW, zh-HK, zh-MO, zh-Hant) is zh-tw.
 */
export function toGoogleNewsLanguage(tag: string): string {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.trim());
  } catch {
    throw new Error(`news sitemap: article language ${JSON.stringify(tag)} is not a BCP 47 language tag`);
  }
  const language = locale.language.toLowerCase();
  if (language !== "zh") return language;
  return locale.maximize().script === "Hant" ? "zh-tw" : "zh-cn";
}

export interface NewsSitemapOptions {
  siteUrl: string;
  /** The name Google News knows the publication by: the site's name as its pages show it. */
  publicationName: string;
  /** The clock: the window ends now and reaches back 48 hours. */
  now: () => Date;
}

/**
 * The news sitemap as chunks of XML. When nothing was published in the window the urlset is empty:
 * the file stays where robots.txt and the index say it is, and Google reads it as "no news now".
 */
export async function* generateNewsSitemap(db: Db, { siteUrl, publicationName, now }: NewsSitemapOptions): AsyncGenerator<string> {
  const until = now();
  if (Number.isNaN(until.getTime())) throw new Error("news sitemap: the clock returned an invalid date");
  const articles = await listPublishedArticlesForNews(db, { from: new Date(until.getTime() - NEWS_WINDOW_MS), until, limit: NEWS_MAX_URLS });
  yield openUrlset({ news: true });
  yield articles
    .map((article) =>
      renderUrlEntry(
        absoluteUrl(`/articles/${article.slug}`, siteUrl),
        null,
        renderNewsEntry({
          publicationName,
          language: toGoogleNewsLanguage(article.language),
          // On the article's own clock, with its offset, as its page shows it.
          publicationDate: formatRfc3339InZone(article.publishedAt, article.timeZone),
          title: article.title,
        }),
      ),
    )
    .join("");
  yield closeUrlset;
}
