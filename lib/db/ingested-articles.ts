import "server-only";
import { pickUniqueSlug } from "../content/slug";
import { type Db, getDatabaseProvider, getSqliteFile } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { type ArticleSearchDocument, saveSearchUserWords, writeArticleSearchDocuments } from "./search-index";
import { articleColumns, collectImageSources, collectNames, type RelatedIds, storedStatus, toArticleColumns, toLinkRows } from "./article-rows";
import { writeIngestedArticlesToSqlite } from "./sqlite-article-writer";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** An article ready to be written: parsed, rendered, its slug chosen. */
export interface ArticleToSave {
  /** The article this file already made, when re-ingesting; null for a new one. */
  existingId: number | null;
  previousSlug: string | null;
  originPath: string;
  contentHash: string;
  slug: string;
  title: string;
  summaryPoints: string[];
  bodyMarkdown: string;
  bodyHtml: string;
  hanCharacters: number;
  wordCount: number;
  readingMinutes: number;
  status: "draft" | "published";
  publishedAt: Date | null;
  revisedAt: Date | null;
  timeZone: string;
  language: string;
  sourceName: string | null;
  sourceUrl: string | null;
  coverImageSrc: string | null;
  sectionName: string | null;
  tagNames: string[];
  authors: Array<{ name: string; role: string | null; outlet: string | null }>;
  /**
   * The base slug of each section, tag and author name above, worked out where the article was
   * prepared: a row created for a new name takes it, so writing never segments Chinese.
   */
  nameSlugs: Map<string, string>;
  images: Array<{ source: string; alt: string; caption: string | null }>;
  /** The folder each local image must be read from inside, by source (see Image.localRoot). */
  imageRoots: Map<string, string>;
  /** See Article.siteRoot. */
  siteRoot: string | null;
  /** Old addresses ("/2019/01/old-post") that answer 301 to this article; none owned by another. */
  aliases: string[];
  /** The front matter keys no field takes, as a JSON object. */
  frontMatterExtra: string;
  /** The article's search index entry, and the names its segmentation learnt (for queries to learn too). */
  search: { document: ArticleSearchDocument; userWords: string[] };
}

export interface ArticleFingerprint {
  id: number;
  slug: string;
  contentHash: string;
  originPath: string | null;
}

/** What the database holds for these articles, by id, with their publication time. */
export async function getArticleFingerprintsByIds(db: Db, ids: number[]): Promise<Map<number, ArticleFingerprint & { publishedAt: Date | null }>> {
  const rows = await db.article.findMany({
    where: { id: { in: ids } },
    select: { id: true, slug: true, contentHash: true, originPath: true, publishedAt: true },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

/** What the database already holds for these files, by origin path. */
export async function getArticleFingerprintsByOriginPath(
  db: Db,
  originPaths: string[],
): Promise<Map<string, ArticleFingerprint>> {
  const found = new Map<string, ArticleFingerprint>();
  // Chunked: SQLite caps bound parameters per statement.
  for (let i = 0; i < originPaths.length; i += 500) {
    const rows = await db.article.findMany({
      where: { originPath: { in: originPaths.slice(i, i + 500) } },
      select: { id: true, slug: true, contentHash: true, originPath: true },
    });
    for (const row of rows) if (row.originPath) found.set(row.originPath, row);
  }
  return found;
}

/** Every old address an imported article answers for, with its article. */
export async function listClaimedArticleAliases(db: Db): Promise<Map<string, number>> {
  const rows = await db.articleAlias.findMany({ select: { path: true, articleId: true } });
  return new Map(rows.map((row) => [row.path, row.articleId]));
}

/** Every slug an article holds or once held (old slugs keep answering with a redirect). */
export async function listClaimedArticleSlugs(db: Db): Promise<Map<string, number>> {
  const [current, former] = await Promise.all([
    db.article.findMany({ select: { slug: true, id: true } }),
    db.articleSlugHistory.findMany({ select: { slug: true, articleId: true } }),
  ]);
  const claimed = new Map<string, number>();
  for (const row of former) claimed.set(row.slug, row.articleId);
  for (const row of current) claimed.set(row.slug, row.id);
  return claimed;
}

type NamedTable = "section" | "tag" | "author";

async function ensureNamedRows(tx: Tx, table: NamedTable, names: Map<string, string>): Promise<Map<string, number>> {
  const wanted = [...names.keys()];
  const ids = new Map<string, number>();
  if (wanted.length === 0) return ids;
  // The three tables share the shape { id, slug, name }; Prisma's per-model delegates do not
  // share a type, so one narrow view of them serves all three.
  const delegate = tx[table] as unknown as {
    findMany(args: object): Promise<Array<{ id: number; name: string; slug: string }>>;
    createMany(args: object): Promise<unknown>;
  };
  const byName = (list: string[]) => delegate.findMany({ where: { name: { in: list } }, select: { id: true, name: true, slug: true } });
  for (const row of await byName(wanted)) ids.set(row.name, row.id);
  const missing = wanted.filter((name) => !ids.has(name));
  if (missing.length === 0) return ids;
  const bases = missing.map((name) => names.get(name)!);
  const similar = await delegate.findMany({
    where: { OR: [...new Set(bases)].map((base) => ({ slug: { startsWith: base } })) },
    select: { id: true, name: true, slug: true },
  });
  const taken = new Set(similar.map((row) => row.slug));
  const rows = missing.map((name, index) => {
    const slug = pickUniqueSlug(bases[index]!, (candidate) => taken.has(candidate));
    taken.add(slug);
    return { name, slug };
  });
  await delegate.createMany({ data: rows });
  for (const row of await byName(missing)) ids.set(row.name, row.id);
  return ids;
}

async function ensureImages(tx: Tx, images: Map<string, string | null>): Promise<Map<string, number>> {
  const wanted = [...images.keys()];
  const ids = new Map<string, number>();
  for (let i = 0; i < wanted.length; i += 500) {
    const chunk = wanted.slice(i, i + 500);
    for (const row of await tx.image.findMany({ where: { source: { in: chunk } }, select: { id: true, source: true, localRoot: true, status: true } })) {
      ids.set(row.source, row.id);
      const root = images.get(row.source) ?? null;
      if (root !== null && root !== row.localRoot && row.status !== "ready") {
        // Named now from a folder it lies inside: a refusal under the old folder no longer holds.
        await tx.image.update({ where: { id: row.id }, data: { localRoot: root, status: "pending", failureReason: null }, select: { id: true } });
      }
    }
    const missing = chunk.filter((source) => !ids.has(source));
    if (missing.length === 0) continue;
    await tx.image.createMany({ data: missing.map((source) => ({ source, localRoot: images.get(source) ?? null })) });
    for (const row of await tx.image.findMany({ where: { source: { in: missing } }, select: { id: true, source: true } })) {
      ids.set(row.source, row.id);
    }
  }
  return ids;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** One multi-row INSERT; Prisma.sql numbers the placeholders for whichever provider runs it. */
function multiRowInsert(table: string, columns: readonly string[], rows: unknown[][], returning?: string): Prisma.Sql {
  const head = `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")}) VALUES `;
  const values = Prisma.join(rows.map((row) => Prisma.sql`(${Prisma.join(row)})`));
  return Prisma.sql`${Prisma.raw(head)}${values}${Prisma.raw(returning ? ` RETURNING ${returning}` : "")}`;
}

/**
 * New articles go in as multi-row INSERTs written here rather than through createMany: Prisma's
 * per-row work costs more than parsing and rendering the article (about 0.5 ms a row against
 * 0.1 ms), and an ingest of thousands of files is dominated by it. Updates, which are few, stay
 * on the ORM.
 */
async function createArticles(tx: Tx, articles: ArticleToSave[], ids: RelatedIds): Promise<Map<string, number>> {
  const created = new Map<string, number>();
  const now = new Date();
  // Chunks keep each statement under SQLite's limit on bound parameters.
  for (const part of chunk(articles, 250)) {
    const rows = part.map((article) => {
      const columns: Record<string, unknown> = { ...toArticleColumns(article, ids), updatedAt: now };
      return articleColumns.map((column) => columns[column] ?? null);
    });
    const inserted = await tx.$queryRaw<Array<{ id: number | bigint; originPath: string }>>(
      multiRowInsert("Article", articleColumns, rows, `"id", "originPath"`),
    );
    for (const row of inserted) created.set(row.originPath, Number(row.id));
  }
  const authors: unknown[][] = [];
  const tags: unknown[][] = [];
  const images: unknown[][] = [];
  for (const article of articles) {
    const articleId = created.get(article.originPath)!;
    const links = toLinkRows(article, ids);
    for (const row of links.authors) authors.push([articleId, row.authorId, row.position, row.role, row.outlet]);
    for (const row of links.tags) tags.push([articleId, row.tagId]);
    for (const row of links.images) images.push([articleId, row.imageId, row.position, row.alt, row.caption]);
  }
  for (const part of chunk(authors, 500)) {
    await tx.$executeRaw(multiRowInsert("ArticleAuthor", ["articleId", "authorId", "position", "role", "outlet"], part));
  }
  for (const part of chunk(tags, 500)) await tx.$executeRaw(multiRowInsert("ArticleTag", ["articleId", "tagId"], part));
  for (const part of chunk(images, 500)) {
    await tx.$executeRaw(multiRowInsert("ArticleImage", ["articleId", "imageId", "position", "alt", "caption"], part));
  }
  return created;
}

async function updateArticle(tx: Tx, article: ArticleToSave & { existingId: number }, ids: RelatedIds): Promise<void> {
  const links = toLinkRows(article, ids);
  const current = article.status === "draft" ? await tx.article.findUnique({ where: { id: article.existingId }, select: { status: true } }) : null;
  const status = storedStatus(article.status, current?.status ?? null);
  await tx.article.update({
    where: { id: article.existingId },
    data: {
      ...toArticleColumns(article, ids),
      status,
      authors: { deleteMany: {}, create: links.authors },
      tags: { deleteMany: {}, create: links.tags },
      images: { deleteMany: {}, create: links.images },
    },
    select: { id: true },
  });
  await tx.articleAlias.deleteMany({ where: { articleId: article.existingId } });
  if (article.previousSlug !== null && article.previousSlug !== article.slug) {
    // The old URL keeps working as a redirect; an article returning to a former slug reclaims it.
    await tx.articleSlugHistory.deleteMany({ where: { slug: article.slug } });
    await tx.articleSlugHistory.upsert({
      where: { slug: article.previousSlug },
      create: { slug: article.previousSlug, articleId: article.existingId },
      update: { articleId: article.existingId, retiredAt: new Date() },
    });
  }
}

/**
 * Writes the articles in one transaction: all of them or, on any error, none. Callers that want
 * the good ones kept when one fails retry them one by one (see lib/content/ingest.ts).
 */
export async function saveIngestedArticles(db: Db, articles: ArticleToSave[]): Promise<number[]> {
  const sqliteFile = getSqliteFile(db);
  if (sqliteFile !== null) return writeIngestedArticlesToSqlite(sqliteFile, articles);
  const provider = getDatabaseProvider(db);
  return db.$transaction(
    async (tx) => {
      const names = collectNames(articles);
      const ids = {
        sections: await ensureNamedRows(tx, "section", names.sections),
        tags: await ensureNamedRows(tx, "tag", names.tags),
        authors: await ensureNamedRows(tx, "author", names.authors),
        images: await ensureImages(tx, collectImageSources(articles)),
      };
      const created = await createArticles(tx, articles.filter((article) => article.existingId === null), ids);
      for (const article of articles) {
        if (article.existingId !== null) await updateArticle(tx, { ...article, existingId: article.existingId }, ids);
      }
      const aliases = articles.flatMap((article) =>
        article.aliases.map((path) => ({ path, articleId: article.existingId ?? created.get(article.originPath)! })),
      );
      if (aliases.length > 0) await tx.articleAlias.createMany({ data: aliases });
      // The index entries commit with the articles: a search never finds text an article no longer has.
      const searchRows = (existing: boolean) =>
        articles.flatMap((article) =>
          (article.existingId !== null) === existing
            ? [{ articleId: article.existingId ?? created.get(article.originPath)!, document: article.search.document }]
            : [],
        );
      await writeArticleSearchDocuments(tx, provider, searchRows(false), { replacing: false });
      await writeArticleSearchDocuments(tx, provider, searchRows(true), { replacing: true });
      await saveSearchUserWords(tx, articles.flatMap((article) => article.search.userWords));
      return articles.map((article) => article.existingId ?? created.get(article.originPath)!);
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
}
