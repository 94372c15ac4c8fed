import "server-only";
import { z } from "zod";
import type { Db } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { type ImageStatus, imageRecordSelect, toImageRecord } from "./images";
import type { ImageVariant } from "../media/variants";

// What the sitemaps read, a batch at a time in id order (keyset pagination: each batch starts after
// the last id of the one before), so a sitemap of 100,000 URLs never holds more than one batch.

/** When a crawler should consider the article changed: its revision, else its publication. */
function articleLastModified(row: { publishedAt: Date | null; revisedAt: Date | null }): Date | null {
  return row.revisedAt ?? row.publishedAt;
}

/** A window of a list in id order: skip `offset` entries, then read at most `limit`, `batchSize` at a time. */
export interface SitemapWindow {
  offset: number;
  limit: number;
  batchSize: number;
}

function checkWindow({ offset, limit, batchSize }: SitemapWindow): void {
  for (const [name, value, minimum] of [["offset", offset, 0], ["limit", limit, 1], ["batchSize", batchSize, 1]] as const) {
    if (!Number.isSafeInteger(value) || value < minimum) {
      throw new Error(`sitemap window: ${name} must be an integer of at least ${minimum}, not ${String(value)}`);
    }
  }
}

/** Reads a window batch by batch; `readBatch` gets the id to start after and how many to skip first. */
async function* readWindow<Row extends { id: number }>(
  window: SitemapWindow,
  readBatch: (afterId: number, skip: number, take: number) => Promise<Row[]>,
): AsyncGenerator<Row[]> {
  checkWindow(window);
  let afterId = 0;
  let remaining = window.limit;
  // Only the first batch skips: an OFFSET over the primary key (or a narrow index) costs far less
  // than the rows it passes, and every later batch starts from the last id it saw.
  let skip = window.offset;
  while (remaining > 0) {
    const rows = await readBatch(afterId, skip, Math.min(window.batchSize, remaining));
    if (rows.length === 0) return;
    yield rows;
    remaining -= rows.length;
    skip = 0;
    afterId = rows[rows.length - 1]!.id;
    if (rows.length < window.batchSize) return;
  }
}

/** One published article's dates, for the sitemap index's per-page totals. */
export interface ArticleDateEntry {
  id: number;
  lastModified: Date | null;
}

/** Every published article's last-modified date, in id order, a batch at a time. */
export async function* readPublishedArticleDates(db: Db, batchSize: number): AsyncGenerator<ArticleDateEntry[]> {
  yield* readWindow({ offset: 0, limit: Number.MAX_SAFE_INTEGER, batchSize }, async (afterId, skip, take) => {
    const rows = await db.article.findMany({
      where: { status: "published", id: { gt: afterId } },
      orderBy: { id: "asc" },
      skip,
      take,
      select: { id: true, publishedAt: true, revisedAt: true },
    });
    return rows.map((row) => ({ id: row.id, lastModified: articleLastModified(row) }));
  });
}

/** An image as the sitemap needs it: where its bytes are, or why they are not there yet. */
export interface SitemapImage {
  status: ImageStatus;
  source: string;
  variants: ImageVariant[];
}

export interface ArticleSitemapEntry {
  id: number;
  slug: string;
  lastModified: Date | null;
  /** The cover first, then the body's images in order, each once. */
  images: SitemapImage[];
}

const articleEntrySelect = {
  id: true,
  slug: true,
  publishedAt: true,
  revisedAt: true,
  coverImage: { select: imageRecordSelect },
  images: { orderBy: { position: "asc" }, select: { image: { select: imageRecordSelect } } },
} satisfies Prisma.ArticleSelect;

type ArticleEntryRow = Prisma.ArticleGetPayload<{ select: typeof articleEntrySelect }>;

function toArticleEntry(row: ArticleEntryRow): ArticleSitemapEntry {
  const images = new Map<number, SitemapImage>();
  for (const image of [row.coverImage, ...row.images.map((link) => link.image)]) {
    if (!image || images.has(image.id)) continue;
    const record = toImageRecord(image);
    images.set(record.id, { status: record.status, source: record.source, variants: record.variants });
  }
  return { id: row.id, slug: row.slug, lastModified: articleLastModified(row), images: [...images.values()] };
}

/** A window of the published articles in id order, with their images. Drafts and withdrawn stories never appear. */
export async function* readPublishedArticlesForSitemap(db: Db, window: SitemapWindow): AsyncGenerator<ArticleSitemapEntry[]> {
  yield* readWindow(window, async (afterId, skip, take) => {
    const rows = await db.article.findMany({
      where: { status: "published", id: { gt: afterId } },
      orderBy: { id: "asc" },
      skip,
      take,
      select: articleEntrySelect,
    });
    return rows.map(toArticleEntry);
  });
}

export type SitemapTaxonomy = "sections" | "tags" | "authors";

export interface TaxonomySitemapEntry {
  id: number;
  slug: string;
  /** The newest change among its published articles. */
  lastModified: Date | null;
}

// How each kind reaches its articles. Fixed strings, never input: they are spliced into the SQL.
const taxonomyJoins: Record<SitemapTaxonomy, string> = {
  sections: `FROM "Section" AS t JOIN "Article" AS a ON a."sectionId" = t."id"`,
  tags: `FROM "Tag" AS t JOIN "ArticleTag" AS link ON link."tagId" = t."id" JOIN "Article" AS a ON a."id" = link."articleId"`,
  authors: `FROM "Author" AS t JOIN "ArticleAuthor" AS link ON link."authorId" = t."id" JOIN "Article" AS a ON a."id" = link."articleId"`,
};

// SQLite hands back the aggregate as the ISO text Prisma stored; PostgreSQL as a timestamp.
const taxonomyRowSchema = z.object({
  id: z.union([z.number(), z.bigint()]).transform(Number),
  slug: z.string(),
  lastModified: z.union([z.date(), z.string().transform((text) => new Date(text)), z.null()]),
});

/**
 * A window of the sections, tags or authors that have published articles, in id order. One
 * aggregate query per batch: Prisma's nested reads would load every article of a big tag to find
 * its newest one.
 */
export async function* readTaxonomyForSitemap(db: Db, kind: SitemapTaxonomy, window: SitemapWindow): AsyncGenerator<TaxonomySitemapEntry[]> {
  yield* readWindow(window, async (afterId, skip, take) => {
    const rows = await db.$queryRaw<unknown[]>(Prisma.sql`
      SELECT t."id" AS "id", t."slug" AS "slug", MAX(COALESCE(a."revisedAt", a."publishedAt")) AS "lastModified"
      ${Prisma.raw(taxonomyJoins[kind])}
      WHERE a."status" = 'published' AND t."id" > ${afterId}
      GROUP BY t."id", t."slug"
      ORDER BY t."id"
      LIMIT ${take} OFFSET ${skip}`);
    return rows.map((row) => {
      const parsed = taxonomyRowSchema.parse(row);
      if (parsed.lastModified !== null && Number.isNaN(parsed.lastModified.getTime())) {
        throw new Error(`sitemap: ${kind} ${parsed.slug} has an unreadable article date`);
      }
      return parsed;
    });
  });
}

export interface NewsSitemapEntry {
  slug: string;
  title: string;
  publishedAt: Date;
  timeZone: string;
  language: string;
}

/** Published articles with `from <= publishedAt <= until`, newest first, at most `limit`. */
export async function listPublishedArticlesForNews(
  db: Db,
  { from, until, limit }: { from: Date; until: Date; limit: number },
): Promise<NewsSitemapEntry[]> {
  const rows = await db.article.findMany({
    where: { status: "published", publishedAt: { gte: from, lte: until } },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { slug: true, title: true, publishedAt: true, timeZone: true, language: true },
  });
  // The filter on publishedAt excludes nulls; the check says so to the type system.
  return rows.flatMap((row) => (row.publishedAt ? [{ ...row, publishedAt: row.publishedAt }] : []));
}
