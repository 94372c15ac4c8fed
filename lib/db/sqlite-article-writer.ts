import "server-only";
import Database from "better-sqlite3";
import { pickUniqueSlug } from "../content/slug";
import { articleColumns, collectImageSources, collectNames, type RelatedIds, storedStatus, toArticleColumns, toLinkRows } from "./article-rows";
import type { ArticleToSave } from "./ingested-articles";

// saveIngestedArticles on SQLite, written with better-sqlite3 on a connection of its own. Prisma
// passes raw-query parameters through JSON (stringified, then parsed again before binding), so an
// article's Markdown, HTML and index text were copied four times and most of a batch's main-thread
// time went to that and the garbage it left; prepared statements bind the strings as they are.
// PostgreSQL keeps the Prisma path in ingested-articles.ts: the two write the same rows, and the
// integration tests run every ingest case on both.

/** Dates as Prisma's SQLite adapter writes them (ISO 8601 with an explicit +00:00). */
function toSqliteDate(date: Date | null): string | null {
  return date === null ? null : date.toISOString().replace("Z", "+00:00");
}

type NamedTable = "Section" | "Tag" | "Author";

function createStatements(connection: Database.Database) {
  const named = (table: NamedTable) => ({
    byNames: connection.prepare<[string], { id: number; name: string }>(
      `SELECT "id", "name" FROM "${table}" WHERE "name" IN (SELECT "value" FROM json_each(?))`,
    ),
    slugsStartingWith: connection.prepare<[string, string], { slug: string }>(
      `SELECT "slug" FROM "${table}" WHERE substr("slug", 1, length(?)) = ?`,
    ),
    insert: connection.prepare<[string, string], { id: number }>(`INSERT INTO "${table}" ("name", "slug") VALUES (?, ?) RETURNING "id"`),
  });
  return {
    Section: named("Section"),
    Tag: named("Tag"),
    Author: named("Author"),
    imagesBySources: connection.prepare<[string], { id: number; source: string; localRoot: string | null; status: string }>(
      `SELECT "id", "source", "localRoot", "status" FROM "Image" WHERE "source" IN (SELECT "value" FROM json_each(?))`,
    ),
    rerootImage: connection.prepare<[string, string, number]>(
      `UPDATE "Image" SET "localRoot" = ?, "status" = 'pending', "failureReason" = NULL, "updatedAt" = ? WHERE "id" = ?`,
    ),
    insertImage: connection.prepare<[string, string | null, string], { id: number }>(
      `INSERT INTO "Image" ("source", "localRoot", "updatedAt") VALUES (?, ?, ?) RETURNING "id"`,
    ),
    deleteAliases: connection.prepare<[number]>(`DELETE FROM "ArticleAlias" WHERE "articleId" = ?`),
    insertAlias: connection.prepare<[string, number]>(`INSERT INTO "ArticleAlias" ("path", "articleId") VALUES (?, ?)`),
    insertArticle: connection.prepare<unknown[], { id: number }>(
      `INSERT INTO "Article" (${articleColumns.map((column) => `"${column}"`).join(", ")})
       VALUES (${articleColumns.map(() => "?").join(", ")}) RETURNING "id"`,
    ),
    updateArticle: connection.prepare<unknown[]>(
      `UPDATE "Article" SET ${articleColumns.map((column) => `"${column}" = ?`).join(", ")} WHERE "id" = ?`,
    ),
    articleStatus: connection.prepare<[number], { status: string }>(`SELECT "status" FROM "Article" WHERE "id" = ?`),
    deleteAuthors: connection.prepare<[number]>(`DELETE FROM "ArticleAuthor" WHERE "articleId" = ?`),
    deleteTags: connection.prepare<[number]>(`DELETE FROM "ArticleTag" WHERE "articleId" = ?`),
    deleteImages: connection.prepare<[number]>(`DELETE FROM "ArticleImage" WHERE "articleId" = ?`),
    insertAuthor: connection.prepare<[number, number, number, string | null, string | null]>(
      `INSERT INTO "ArticleAuthor" ("articleId", "authorId", "position", "role", "outlet") VALUES (?, ?, ?, ?, ?)`,
    ),
    insertTag: connection.prepare<[number, number]>(`INSERT INTO "ArticleTag" ("articleId", "tagId") VALUES (?, ?)`),
    insertArticleImage: connection.prepare<[number, number, number, string, string | null]>(
      `INSERT INTO "ArticleImage" ("articleId", "imageId", "position", "alt", "caption") VALUES (?, ?, ?, ?, ?)`,
    ),
    forgetSlug: connection.prepare<[string]>(`DELETE FROM "ArticleSlugHistory" WHERE "slug" = ?`),
    rememberSlug: connection.prepare<[string, number, string]>(
      `INSERT INTO "ArticleSlugHistory" ("slug", "articleId", "retiredAt") VALUES (?, ?, ?)
       ON CONFLICT ("slug") DO UPDATE SET "articleId" = excluded."articleId", "retiredAt" = excluded."retiredAt"`,
    ),
    deleteSearch: connection.prepare<[number]>(`DELETE FROM "ArticleSearch" WHERE rowid = ?`),
    insertSearch: connection.prepare<[number, string, string, string, string]>(
      `INSERT INTO "ArticleSearch" (rowid, "title", "summary", "body", "pinyin") VALUES (?, ?, ?, ?, ?)`,
    ),
    insertSearchWord: connection.prepare<[string]>(`INSERT INTO "SearchWord" ("word") VALUES (?) ON CONFLICT ("word") DO NOTHING`),
  };
}

type Statements = ReturnType<typeof createStatements>;

/** Ids for these names, creating the missing rows with unique slugs (as ingested-articles.ts does). */
function ensureNamedRows(statements: Statements, table: NamedTable, names: Map<string, string>): Map<string, number> {
  const wanted = [...names.keys()];
  const ids = new Map<string, number>();
  if (wanted.length === 0) return ids;
  const { byNames, slugsStartingWith, insert } = statements[table];
  for (const row of byNames.all(JSON.stringify(wanted))) ids.set(row.name, row.id);
  for (const name of wanted) {
    if (ids.has(name)) continue;
    const base = names.get(name)!;
    const taken = new Set(slugsStartingWith.all(base, base).map((row) => row.slug));
    ids.set(name, insert.get(name, pickUniqueSlug(base, (candidate) => taken.has(candidate)))!.id);
  }
  return ids;
}

function ensureImages(statements: Statements, images: Map<string, string | null>, now: string): Map<string, number> {
  const wanted = [...images.keys()];
  const ids = new Map<string, number>();
  if (wanted.length === 0) return ids;
  for (const row of statements.imagesBySources.all(JSON.stringify(wanted))) {
    ids.set(row.source, row.id);
    const root = images.get(row.source) ?? null;
    // Named now from a folder it lies inside: a refusal under the old folder no longer holds.
    if (root !== null && root !== row.localRoot && row.status !== "ready") statements.rerootImage.run(root, now, row.id);
  }
  for (const source of wanted) if (!ids.has(source)) ids.set(source, statements.insertImage.get(source, images.get(source) ?? null, now)!.id);
  return ids;
}

/**
 * Writes the articles in one transaction on the SQLite file: all of them or, on any error, none.
 * The same rows, in the same shapes, as saveIngestedArticles writes through Prisma.
 */
export function writeIngestedArticlesToSqlite(file: string, articles: ArticleToSave[]): number[] {
  const connection = new Database(file, { timeout: 5000 });
  try {
    connection.pragma("synchronous = NORMAL");
    connection.pragma("foreign_keys = ON");
    const statements = createStatements(connection);
    return connection.transaction(() => writeArticles(statements, articles))();
  } finally {
    connection.close();
  }
}

function writeArticles(statements: Statements, articles: ArticleToSave[]): number[] {
  const now = toSqliteDate(new Date())!;
  const names = collectNames(articles);
  const sections = ensureNamedRows(statements, "Section", names.sections);
  const tags = ensureNamedRows(statements, "Tag", names.tags);
  const authors = ensureNamedRows(statements, "Author", names.authors);
  const images = ensureImages(statements, collectImageSources(articles), now);
  const ids: RelatedIds = { sections, tags, authors, images };
  return articles.map((article) => {
    const current = article.existingId !== null && article.status === "draft" ? statements.articleStatus.get(article.existingId) : undefined;
    const columns: Record<string, unknown> = { ...toArticleColumns(article, ids), status: storedStatus(article.status, current?.status ?? null) };
    const values = articleColumns.map((column) => {
      const value = column === "updatedAt" ? now : columns[column];
      return value instanceof Date ? toSqliteDate(value) : (value ?? null);
    });
    let id: number;
    if (article.existingId === null) {
      id = statements.insertArticle.get(...values)!.id;
    } else {
      id = article.existingId;
      statements.updateArticle.run(...values, id);
      statements.deleteAuthors.run(id);
      statements.deleteTags.run(id);
      statements.deleteImages.run(id);
      statements.deleteSearch.run(id);
      statements.deleteAliases.run(id);
      if (article.previousSlug !== null && article.previousSlug !== article.slug) {
        // The old URL keeps working as a redirect; an article returning to a former slug reclaims it.
        statements.forgetSlug.run(article.slug);
        statements.rememberSlug.run(article.previousSlug, id, now);
      }
    }
    const links = toLinkRows(article, ids);
    for (const row of links.authors) statements.insertAuthor.run(id, row.authorId, row.position, row.role, row.outlet);
    for (const row of links.tags) statements.insertTag.run(id, row.tagId);
    for (const row of links.images) statements.insertArticleImage.run(id, row.imageId, row.position, row.alt, row.caption);
    for (const alias of article.aliases) statements.insertAlias.run(alias, id);
    // The index entry commits with the article: a search never finds text an article no longer has.
    const { document, userWords } = article.search;
    statements.insertSearch.run(id, document.title, document.summary, document.body, document.pinyin);
    for (const word of userWords) statements.insertSearchWord.run(word);
    return id;
  });
}
