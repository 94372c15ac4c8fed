import "server-only";
import { z } from "zod";
import type { Db } from "./client";
import { type ImageRecord, imageRecordSelect, toImageRecord } from "./images";
import type { Prisma } from "./generated/sqlite/client";

export type ArticleStatus = "draft" | "published" | "withdrawn";

export interface BylineEntry {
  name: string;
  slug: string;
  role: string | null;
  outlet: string | null;
}

export interface ArticleListItem {
  slug: string;
  title: string;
  summaryPoints: string[];
  publishedAt: Date | null;
  timeZone: string;
  language: string;
  readingMinutes: number;
  authors: BylineEntry[];
  section: { slug: string; name: string } | null;
  cover: { image: ImageRecord; alt: string } | null;
}

export interface ArticlePage extends ArticleListItem {
  bodyHtml: string;
  revisedAt: Date | null;
  sourceName: string | null;
  sourceUrl: string | null;
  tags: Array<{ slug: string; name: string }>;
  updatedAt: Date;
}

const summaryPointsSchema = z.array(z.string());

export const listItemSelect = {
  id: true,
  slug: true,
  title: true,
  summaryPoints: true,
  publishedAt: true,
  timeZone: true,
  language: true,
  readingMinutes: true,
  section: { select: { slug: true, name: true } },
  coverImage: { select: imageRecordSelect },
  images: { select: { imageId: true, alt: true } },
  authors: {
    orderBy: { position: "asc" },
    select: { role: true, outlet: true, author: { select: { name: true, slug: true } } },
  },
} satisfies Prisma.ArticleSelect;

const pageSelect = {
  ...listItemSelect,
  bodyHtml: true,
  revisedAt: true,
  sourceName: true,
  sourceUrl: true,
  updatedAt: true,
  tags: { orderBy: { tag: { name: "asc" } }, select: { tag: { select: { slug: true, name: true } } } },
} satisfies Prisma.ArticleSelect;

type ListItemRow = Prisma.ArticleGetPayload<{ select: typeof listItemSelect }>;
type PageRow = Prisma.ArticleGetPayload<{ select: typeof pageSelect }>;

/** Stored as a JSON array; anything else in the column is a bug worth failing loudly on. */
export function parseSummaryPoints(json: string): string[] {
  return summaryPointsSchema.parse(JSON.parse(json));
}

export function toListItem(row: ListItemRow): ArticleListItem {
  const cover = row.coverImage;
  // The cover's alt text is what the article's own body says of that image, else its title.
  const coverAlt = row.images.find((link) => link.imageId === cover?.id)?.alt || row.title;
  return {
    slug: row.slug,
    title: row.title,
    summaryPoints: parseSummaryPoints(row.summaryPoints),
    publishedAt: row.publishedAt,
    timeZone: row.timeZone,
    language: row.language,
    readingMinutes: row.readingMinutes,
    section: row.section,
    cover: cover ? { image: toImageRecord(cover), alt: coverAlt } : null,
    authors: row.authors.map((entry) => ({
      name: entry.author.name,
      slug: entry.author.slug,
      role: entry.role,
      outlet: entry.outlet,
    })),
  };
}

function toPage(row: PageRow): ArticlePage {
  return {
    ...toListItem(row),
    bodyHtml: row.bodyHtml,
    revisedAt: row.revisedAt,
    sourceName: row.sourceName,
    sourceUrl: row.sourceUrl,
    updatedAt: row.updatedAt,
    tags: row.tags.map((entry) => entry.tag),
  };
}

export async function getPublishedArticleBySlug(db: Db, slug: string): Promise<ArticlePage | null> {
  const row = await db.article.findFirst({ where: { slug, status: "published" }, select: pageSelect });
  return row ? toPage(row) : null;
}

/** Newest first by publication time. */
export async function listLatestPublishedArticles(
  db: Db,
  { limit, offset = 0 }: { limit: number; offset?: number },
): Promise<ArticleListItem[]> {
  const rows = await db.article.findMany({
    where: { status: "published" },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
    skip: offset,
    select: listItemSelect,
  });
  return rows.map(toListItem);
}

/** Which published articles a list shows: all of them, or one section's, tag's or author's. */
export type ArticleListFilter = { section: string } | { tag: string } | { author: string } | null;

function toWhere(filter: ArticleListFilter): Prisma.ArticleWhereInput {
  const published: Prisma.ArticleWhereInput = { status: "published" };
  if (filter === null) return published;
  if ("section" in filter) return { ...published, section: { slug: filter.section } };
  if ("tag" in filter) return { ...published, tags: { some: { tag: { slug: filter.tag } } } };
  return { ...published, authors: { some: { author: { slug: filter.author } } } };
}

export interface ArticleListPage {
  items: ArticleListItem[];
  total: number;
  page: number;
  pageCount: number;
}

/** One page (1-based) of a list, newest first, with the totals pagination needs. */
export async function listPublishedArticlesPage(
  db: Db,
  filter: ArticleListFilter,
  { page, pageSize }: { page: number; pageSize: number },
): Promise<ArticleListPage> {
  const where = toWhere(filter);
  const [total, rows] = await Promise.all([
    db.article.count({ where }),
    db.article.findMany({
      where,
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      take: pageSize,
      skip: (page - 1) * pageSize,
      select: listItemSelect,
    }),
  ]);
  return { items: rows.map(toListItem), total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

export interface HomePageData {
  lead: ArticleListItem | null;
  latest: ArticleListItem[];
  sections: Array<{ section: { slug: string; name: string }; articles: ArticleListItem[] }>;
}

const LEAD_CANDIDATES = 5;

/**
 * The front page: a lead story (the newest of the last few that has a processed cover, so the top
 * of the page has a picture; else simply the newest), the latest stories after it, and the newest
 * few of each section that has any.
 */
export async function getHomePageData(db: Db, { latestCount, perSection }: { latestCount: number; perSection: number }): Promise<HomePageData> {
  const newest = await listLatestPublishedArticles(db, { limit: latestCount + 1 });
  const lead =
    newest.slice(0, LEAD_CANDIDATES).find((article) => article.cover?.image.status === "ready") ?? newest[0] ?? null;
  const latest = newest.filter((article) => article !== lead).slice(0, latestCount);
  const sectionRows = await db.section.findMany({
    where: { articles: { some: { status: "published" } } },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
  const sections = await Promise.all(
    sectionRows.map(async (section) => ({
      section: { slug: section.slug, name: section.name },
      articles: (
        await db.article.findMany({
          where: { status: "published", sectionId: section.id },
          orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
          take: perSection,
          select: listItemSelect,
        })
      ).map(toListItem),
    })),
  );
  sections.sort((a, b) => (b.articles[0]?.publishedAt?.getTime() ?? 0) - (a.articles[0]?.publishedAt?.getTime() ?? 0));
  return { lead, latest, sections };
}

/** What a feed entry needs: the list item's byline and section, plus the full body and all dates. */
export interface ArticleFeedItem {
  slug: string;
  title: string;
  summaryPoints: string[];
  bodyHtml: string;
  publishedAt: Date | null;
  revisedAt: Date | null;
  /** When the row last changed (a re-render counts): what Last-Modified is made of. */
  updatedAt: Date;
  timeZone: string;
  language: string;
  authors: BylineEntry[];
  section: { slug: string; name: string } | null;
  tags: Array<{ slug: string; name: string }>;
}

const feedItemSelect = {
  slug: true,
  title: true,
  summaryPoints: true,
  bodyHtml: true,
  publishedAt: true,
  revisedAt: true,
  updatedAt: true,
  timeZone: true,
  language: true,
  section: { select: { slug: true, name: true } },
  authors: {
    orderBy: { position: "asc" },
    select: { role: true, outlet: true, author: { select: { name: true, slug: true } } },
  },
  tags: { orderBy: { tag: { name: "asc" } }, select: { tag: { select: { slug: true, name: true } } } },
} satisfies Prisma.ArticleSelect;

type FeedItemRow = Prisma.ArticleGetPayload<{ select: typeof feedItemSelect }>;

function toFeedItem(row: FeedItemRow): ArticleFeedItem {
  return {
    slug: row.slug,
    title: row.title,
    summaryPoints: parseSummaryPoints(row.summaryPoints),
    bodyHtml: row.bodyHtml,
    publishedAt: row.publishedAt,
    revisedAt: row.revisedAt,
    updatedAt: row.updatedAt,
    timeZone: row.timeZone,
    language: row.language,
    section: row.section,
    tags: row.tags.map((entry) => entry.tag),
    authors: row.authors.map((entry) => ({
      name: entry.author.name,
      slug: entry.author.slug,
      role: entry.role,
      outlet: entry.outlet,
    })),
  };
}

/** The newest `limit` published articles of a list, newest first, with their bodies: a feed's items. */
export async function listPublishedArticlesForFeed(db: Db, filter: ArticleListFilter, limit: number): Promise<ArticleFeedItem[]> {
  const rows = await db.article.findMany({
    where: toWhere(filter),
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: feedItemSelect,
  });
  return rows.map(toFeedItem);
}

const RELATED_CANDIDATE_POOL = 300;

/**
 * What related stories are chosen from for one article: the article's own tags, section and
 * words, and recent published stories in its language (plus any that share a tag with it).
 */
export async function getRelatedStoryCandidates(db: Db, slug: string) {
  const target = await db.article.findFirst({
    where: { slug, status: "published" },
    select: { id: true, title: true, summaryPoints: true, language: true, section: { select: { slug: true } }, tags: { select: { tagId: true, tag: { select: { slug: true } } } } },
  });
  if (!target) return null;
  const candidateSelect = { ...listItemSelect, tags: { select: { tag: { select: { slug: true } } } } } satisfies Prisma.ArticleSelect;
  const rows = await db.article.findMany({
    where: {
      status: "published",
      id: { not: target.id },
      OR: [{ language: target.language }, { tags: { some: { tagId: { in: target.tags.map((tag) => tag.tagId) } } } }],
    },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: RELATED_CANDIDATE_POOL,
    select: candidateSelect,
  });
  return {
    target: {
      id: target.id,
      tagSlugs: target.tags.map((entry) => entry.tag.slug),
      sectionSlug: target.section?.slug ?? null,
      aboutText: `${target.title}\n${parseSummaryPoints(target.summaryPoints).join("\n")}`,
    },
    candidates: rows.map((row) => {
      const item = toListItem(row);
      return {
        item,
        id: row.id,
        tagSlugs: row.tags.map((entry) => entry.tag.slug),
        sectionSlug: row.section?.slug ?? null,
        aboutText: `${item.title}\n${item.summaryPoints.join("\n")}`,
        publishedAt: item.publishedAt?.getTime() ?? 0,
      };
    }),
  };
}
