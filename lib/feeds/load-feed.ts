import "server-only";
import { z } from "zod";
import { slugPattern } from "../content/slug-pattern";
import type { Db } from "../db/client";
import { type ArticleFeedItem, type ArticleListFilter, listPublishedArticlesForFeed } from "../db/articles";
import { getSectionBySlug, getTagBySlug } from "../db/taxonomy";
import { getListLastModified } from "../db/withdrawn-articles";
import { getDictionary } from "../i18n/dictionaries";
import { absoluteUrl } from "../site-url";
import { makeHtmlUrlsAbsolute } from "./absolute-html-urls";
import { type FeedFormat, type FeedScope, type NamedFeedScope, getFeedDescription, getFeedPagePath, getFeedPath, getFeedTitle } from "./feed-scope";

/** How many of the newest stories a feed carries. */
export const FEED_ITEM_LIMIT = 50;

export interface FeedAuthor {
  name: string;
  /** The author's page on the site. */
  url: string;
}

export interface FeedCategory {
  /** The section's or tag's slug: appended to `scheme`, it is the page of its stories. */
  term: string;
  label: string;
  /** "https://…/sections/" or "https://…/tags/": sections and tags are separate vocabularies. */
  scheme: string;
}

/** One story as every feed format needs it: absolute URLs, plain-text summary, HTML body. */
export interface FeedEntry {
  /** The article's URL: its permalink, RSS guid and Atom id. */
  url: string;
  title: string;
  /** The summary points as one paragraph of plain text; empty when the article has none. */
  summary: string;
  /** The body HTML with every URL absolute. */
  contentHtml: string;
  authors: FeedAuthor[];
  categories: FeedCategory[];
  published: Date;
  /** The story's last significant revision (its own `updated` date), never before `published`. */
  updated: Date;
  /** The article's zone: its dates are written on its wall clock. */
  timeZone: string;
  language: string;
}

export interface Feed {
  title: string;
  /** The site's name: the author of stories without a byline. */
  siteName: string;
  description: string;
  language: string;
  /** The HTML page the feed follows. */
  pageUrl: string;
  selfUrls: Record<FeedFormat, string>;
  /** When anything in the feed last changed: an entry's row, or a story withdrawn from it. Null with no entries. */
  lastModified: Date | null;
  /** lastModified, or the clock's time for an empty feed (Atom requires a date). */
  updated: Date;
  entries: FeedEntry[];
}

export interface LoadFeedOptions {
  language: "zh-CN" | "en";
  now(): Date;
}

const slugSchema = z.string().max(120).regex(slugPattern);

// Chinese sentences are not separated by spaces; everything else is.
const endsWithCjkPunctuation = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF1F\u2026\u201D\u2019\u300D\u300F]$/u;

function joinSummaryPoints(points: string[]): string {
  return points
    .map((point) => point.trim())
    .filter(Boolean)
    .reduce((text, point) => (text === "" ? point : `${text}${endsWithCjkPunctuation.test(text) ? "" : " "}${point}`), "");
}

function toFeedEntry(item: ArticleFeedItem): FeedEntry {
  const url = absoluteUrl(`/articles/${item.slug}`);
  // Ingest refuses a published article without a date; the row's own time is a safe stand-in.
  const published = item.publishedAt ?? item.updatedAt;
  const revised = item.revisedAt ?? published;
  return {
    url,
    title: item.title,
    summary: joinSummaryPoints(item.summaryPoints),
    contentHtml: makeHtmlUrlsAbsolute(item.bodyHtml, url),
    authors: item.authors.map((author) => ({ name: author.name, url: absoluteUrl(`/authors/${author.slug}`) })),
    categories: [
      ...(item.section ? [{ term: item.section.slug, label: item.section.name, scheme: absoluteUrl("/sections/") }] : []),
      ...item.tags.map((tag) => ({ term: tag.slug, label: tag.name, scheme: absoluteUrl("/tags/") })),
    ],
    published,
    updated: revised > published ? revised : published,
    timeZone: item.timeZone,
    language: item.language,
  };
}

/** The scope with its section's or tag's name, or null when the slug names nothing. */
async function nameScope(db: Db, scope: FeedScope): Promise<NamedFeedScope | null> {
  if (scope.kind === "site") return scope;
  const slug = slugSchema.safeParse(scope.slug);
  if (!slug.success) return null;
  const named = scope.kind === "section" ? await getSectionBySlug(db, slug.data) : await getTagBySlug(db, slug.data);
  return named ? { kind: scope.kind, slug: named.slug, name: named.name } : null;
}

function toFilter(scope: NamedFeedScope): ArticleListFilter {
  if (scope.kind === "site") return null;
  return scope.kind === "section" ? { section: scope.slug } : { tag: scope.slug };
}

/**
 * A feed's newest published stories and its own description, in the site's language; null for a
 * section or tag that does not exist (a 404). The routes and the tests both build feeds from this.
 */
export async function loadFeed(db: Db, scope: FeedScope, options: LoadFeedOptions): Promise<Feed | null> {
  const named = await nameScope(db, scope);
  if (!named) return null;
  const filter = toFilter(named);
  const [items, listChanged] = await Promise.all([listPublishedArticlesForFeed(db, filter, FEED_ITEM_LIMIT), getListLastModified(db, filter)]);
  const dictionary = getDictionary(options.language);
  // The newest entry's change, or a later withdrawal that took a story out of the feed.
  const lastModified = items.length === 0 ? null : listChanged;
  return {
    title: getFeedTitle(named, dictionary),
    siteName: dictionary.siteName,
    description: getFeedDescription(named, dictionary),
    language: options.language,
    pageUrl: absoluteUrl(getFeedPagePath(named)),
    selfUrls: { rss: absoluteUrl(getFeedPath(named, "rss")), atom: absoluteUrl(getFeedPath(named, "atom")) },
    lastModified,
    updated: lastModified ?? options.now(),
    entries: items.map(toFeedEntry),
  };
}
