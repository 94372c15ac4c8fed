import "server-only";
import { z } from "zod";
import type { Db } from "./client";
import { Prisma } from "./generated/sqlite/client";
import type { ImageStatus } from "./images";
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

// Both providers hand back ids as numbers (or bigints) and dates as Date objects (PostgreSQL) or
// the ISO text Prisma stored (SQLite).
const rawId = z.union([z.number(), z.bigint()]).transform(Number);
const rawDate = z.union([z.date(), z.string().transform((text) => new Date(text)), z.null()]).refine(
  (date) => date === null || !Number.isNaN(date.getTime()),
  "unreadable date",
);

/**
 * "Published", written so that SQLite walks the primary key in id order instead: given a plain
 * `"status" = 'published'` it picks the (status, publishedAt) index and sorts every published row
 * for each batch (90 ms a batch at 100,000 articles, 18 s for the whole sitemap, against 1.3 s).
 * PostgreSQL reads it the same either way.
 */
const publishedInIdOrder = Prisma.sql`COALESCE("status", '') = 'published'`;

const articleDatesSchema = z.object({ id: rawId, publishedAt: rawDate, revisedAt: rawDate });

/** One published article's dates, for the sitemap index's per-page totals. */
export interface ArticleDateEntry {
  id: number;
  lastModified: Date | null;
}

/** Every published article's last-modified date, in id order, a batch at a time. */
export async function* readPublishedArticleDates(db: Db, batchSize: number): AsyncGenerator<ArticleDateEntry[]> {
  yield* readWindow({ offset: 0, limit: Number.MAX_SAFE_INTEGER, batchSize }, async (afterId, skip, take) => {
    const rows = await db.$queryRaw<unknown[]>(Prisma.sql`
      SELECT "id", "publishedAt", "revisedAt" FROM "Article"
      WHERE ${publishedInIdOrder} AND "id" > ${afterId}
      ORDER BY "id" LIMIT ${take} OFFSET ${skip}`);
    return rows.map((raw) => {
      const row = articleDatesSchema.parse(raw);
      return { id: row.id, lastModified: articleLastModified(row) };
    });
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

const articleRowSchema = z.object({
  id: rawId,
  slug: z.string(),
  publishedAt: rawDate,
  revisedAt: rawDate,
  coverImageId: rawId.nullable(),
});

const imageRowSchema = z.object({
  articleId: rawId.nullable(),
  id: rawId,
  status: z.enum(["pending", "ready", "failed"]),
  source: z.string(),
  variants: z.string(),
});

const variantsSchema = z.array(
  z.object({ format: z.enum(["avif", "webp", "jpeg"]), width: z.number(), height: z.number(), key: z.string(), bytes: z.number() }),
);

/**
 * A window of the published articles in id order, with their images. Drafts and withdrawn
 * stories never appear. Raw SQL rather than the ORM: at 100,000 articles Prisma's per-row work
 * (an article query, then one per relation, each row mapped) was most of the sitemap's time, and
 * its relation reads put every id of a batch in one `IN (…)` list, which SQLite caps at 999.
 */
export async function* readPublishedArticlesForSitemap(db: Db, window: SitemapWindow): AsyncGenerator<ArticleSitemapEntry[]> {
  yield* readWindow(window, async (afterId, skip, take) => {
    const articles = (
      await db.$queryRaw<unknown[]>(Prisma.sql`
        SELECT "id", "slug", "publishedAt", "revisedAt", "coverImageId" FROM "Article"
        WHERE ${publishedInIdOrder} AND "id" > ${afterId}
        ORDER BY "id" LIMIT ${take} OFFSET ${skip}`)
    ).map((row) => articleRowSchema.parse(row));
    const first = articles[0];
    const last = articles[articles.length - 1];
    if (!first || !last) return [];
    // The batch's ids are one range: its body images are read by range (drafts' images in the gaps
    // are dropped below), its covers by id. No list grows with the batch beyond its covers.
    const coverIds = [...new Set(articles.flatMap((article) => (article.coverImageId === null ? [] : [article.coverImageId])))];
    const [bodyImages, covers] = await Promise.all([
      db.$queryRaw<unknown[]>(Prisma.sql`
        SELECT link."articleId" AS "articleId", image."id" AS "id", image."status" AS "status", image."source" AS "source", image."variants" AS "variants"
        FROM "ArticleImage" AS link JOIN "Image" AS image ON image."id" = link."imageId"
        WHERE link."articleId" >= ${first.id} AND link."articleId" <= ${last.id}
        ORDER BY link."articleId", link."position"`),
      coverIds.length === 0
        ? Promise.resolve([])
        : db.$queryRaw<unknown[]>(Prisma.sql`
            SELECT NULL AS "articleId", "id", "status", "source", "variants" FROM "Image" WHERE "id" IN (${Prisma.join(coverIds)})`),
    ]);
    const toImage = (row: z.infer<typeof imageRowSchema>): SitemapImage & { id: number } => ({
      id: row.id,
      status: row.status,
      source: row.source,
      variants: variantsSchema.parse(JSON.parse(row.variants)),
    });
    const coverById = new Map(covers.map((row) => imageRowSchema.parse(row)).map((row) => [row.id, toImage(row)]));
    const imagesByArticle = new Map<number, Array<SitemapImage & { id: number }>>();
    for (const row of bodyImages.map((raw) => imageRowSchema.parse(raw))) {
      if (row.articleId === null) continue;
      const list = imagesByArticle.get(row.articleId) ?? [];
      list.push(toImage(row));
      imagesByArticle.set(row.articleId, list);
    }
    return articles.map((article) => {
      const images = new Map<number, SitemapImage>();
      const cover = article.coverImageId === null ? undefined : coverById.get(article.coverImageId);
      for (const image of [...(cover ? [cover] : []), ...(imagesByArticle.get(article.id) ?? [])]) {
        if (!images.has(image.id)) images.set(image.id, { status: image.status, source: image.source, variants: image.variants });
      }
      return { id: article.id, slug: article.slug, lastModified: articleLastModified(article), images: [...images.values()] };
    });
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

const taxonomyRowSchema = z.object({ id: rawId, slug: z.string(), lastModified: rawDate });

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
    return rows.map((row) => taxonomyRowSchema.parse(row));
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
