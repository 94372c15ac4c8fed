import "server-only";
import { type ArticleListItem, listItemSelect, toListItem } from "./articles";
import { type Db, getDatabaseProvider } from "./client";
import type { DatabaseProvider } from "./database-url";
import { Prisma } from "./generated/sqlite/client";

// The full-text index, in SQL each engine understands natively. Documents arrive already cut into
// tokens (lib/search/search-tokens.ts), space-joined, so both engines index the same words:
//
// - SQLite: "ArticleSearch", a contentless FTS5 table (rowid = Article.id) with columns title,
//   summary, body and pinyin, tokenize='ascii' (it only has to split at the spaces), ranked with bm25().
// - PostgreSQL: "ArticleSearch" ("articleId", "document" tsvector) with a GIN index; the document
//   is to_tsvector('simple', …) of the same strings, weighted A title, B summary, C pinyin, D body.
//
// Both tables are created by hand-written migrations (Prisma cannot express either) and listed as
// external tables in lib/db/migrate.ts. Search filters join "Article" for status, section and date;
// on SQLite through the covering index "Article_search_filter_idx", because reaching those columns
// in the table means reading past the bodies stored before them.

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** A client or an open transaction: both can run raw SQL. */
type Sql = Pick<Db, "$queryRaw" | "$executeRaw">;

/** An article's searchable text as space-joined tokens, one string per indexed field. */
export interface ArticleSearchDocument {
  title: string;
  summary: string;
  body: string;
  /** Pinyin of the title's Chinese words. */
  pinyin: string;
}

export interface ArticleSearchRow {
  articleId: number;
  document: ArticleSearchDocument;
}

/** bm25() column weights on SQLite, in column order: title, summary, body, pinyin. */
const SQLITE_WEIGHTS = Prisma.raw("10.0, 4.0, 1.0, 4.0");
/**
 * ts_rank_cd weights on PostgreSQL, {D, C, B, A} = {body, pinyin, summary, title}. ts_rank_cd adds
 * every occurrence without saturating, so the body's weight is small enough that a word used dozens
 * of times in a body still ranks below the same word once in a title.
 */
const POSTGRES_WEIGHTS = Prisma.raw(`'{0.02, 0.4, 0.4, 1.0}'::float4[]`);

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Writes articles' index entries; `replacing` when they may already have one (an edited article).
 * Runs inside the caller's transaction, so an article and its index entry commit together.
 */
export async function writeArticleSearchDocuments(
  tx: Tx | Db,
  provider: DatabaseProvider,
  rows: ArticleSearchRow[],
  { replacing }: { replacing: boolean },
): Promise<void> {
  // Chunks keep each statement under SQLite's bound-parameter limit and a few MB of text.
  for (const part of chunk(rows, 100)) {
    if (provider === "sqlite") {
      // A contentless FTS5 table has no UPSERT; its contentless_delete option lets rows be deleted.
      if (replacing) await tx.$executeRaw`DELETE FROM "ArticleSearch" WHERE rowid IN (${Prisma.join(part.map((row) => row.articleId))})`;
      const values = part.map(
        ({ articleId, document: d }) => Prisma.sql`(${articleId}, ${d.title}, ${d.summary}, ${d.body}, ${d.pinyin})`,
      );
      await tx.$executeRaw`INSERT INTO "ArticleSearch" (rowid, title, summary, body, pinyin) VALUES ${Prisma.join(values)}`;
    } else {
      const values = part.map(
        ({ articleId, document: d }) => Prisma.sql`(${articleId},
          setweight(to_tsvector('simple', ${d.title}), 'A') || setweight(to_tsvector('simple', ${d.summary}), 'B')
          || setweight(to_tsvector('simple', ${d.body}), 'D') || setweight(to_tsvector('simple', ${d.pinyin}), 'C'))`,
      );
      await tx.$executeRaw`INSERT INTO "ArticleSearch" ("articleId", "document") VALUES ${Prisma.join(values)}
        ON CONFLICT ("articleId") DO UPDATE SET "document" = EXCLUDED."document"`;
    }
  }
}

/** Empties the index (inside the caller's transaction, so readers see the old one until it commits). */
export async function clearArticleSearchIndex(tx: Tx | Db, provider: DatabaseProvider): Promise<void> {
  if (provider === "sqlite") await tx.$executeRaw`INSERT INTO "ArticleSearch" ("ArticleSearch") VALUES ('delete-all')`;
  else await tx.$executeRaw`DELETE FROM "ArticleSearch"`;
}

/** Remembers words the Chinese segmenter should keep whole (names, tags); known ones are skipped. */
export async function saveSearchUserWords(tx: Tx | Db, words: Iterable<string>): Promise<void> {
  const unique = [...new Set(words)];
  for (const part of chunk(unique, 500)) {
    const values = part.map((word) => Prisma.sql`(${word})`);
    await tx.$executeRaw`INSERT INTO "SearchWord" ("word") VALUES ${Prisma.join(values)} ON CONFLICT ("word") DO NOTHING`;
  }
}

/** How many user words there are: a cheap way to tell whether a process's copy is out of date. */
export async function countSearchUserWords(db: Sql): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ count: number | bigint }>>`SELECT count(*) AS "count" FROM "SearchWord"`;
  return Number(row?.count ?? 0);
}

export async function listSearchUserWords(db: Sql): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ word: string }>>`SELECT "word" FROM "SearchWord"`;
  return rows.map((row) => row.word);
}

/** What indexing an article reads from the database, for rebuilding the index. */
export interface ArticleSearchSource {
  id: number;
  title: string;
  summaryPoints: string;
  bodyMarkdown: string;
  sectionName: string | null;
  tagNames: string[];
  authorNames: string[];
}

/** A page of articles in id order, after `afterId`, with what indexing needs. */
export async function listArticleSearchSources(
  tx: Tx | Db,
  { afterId, limit, withBodies }: { afterId: number; limit: number; withBodies: boolean },
): Promise<ArticleSearchSource[]> {
  const rows = await tx.article.findMany({
    where: { id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
    select: {
      id: true,
      title: true,
      summaryPoints: true,
      bodyMarkdown: withBodies,
      section: { select: { name: true } },
      tags: { select: { tag: { select: { name: true } } } },
      authors: { select: { author: { select: { name: true } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    summaryPoints: row.summaryPoints,
    bodyMarkdown: row.bodyMarkdown ?? "",
    sectionName: row.section?.name ?? null,
    tagNames: row.tags.map((entry) => entry.tag.name),
    authorNames: row.authors.map((entry) => entry.author.name),
  }));
}

/** How many entries the index holds (every article has one, drafts included). */
export async function countArticleSearchDocuments(db: Sql): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ count: number | bigint }>>`SELECT count(*) AS "count" FROM "ArticleSearch"`;
  return Number(row?.count ?? 0);
}

/**
 * A parsed query: every term must match; a term matches when all tokens of any one of its
 * alternatives are in the article (a Chinese run split two ways: with and without user words).
 */
export type SearchTerms = string[][][];

export interface SearchIndexQuery {
  terms: SearchTerms;
  sectionSlug: string | null;
  /** Published at or after this instant. */
  publishedFrom: Date | null;
  /** Published before this instant. */
  publishedBefore: Date | null;
  limit: number;
  offset: number;
  /**
   * At most this many matches are ranked: the newest ones. Ranking reads every candidate, so a
   * query matching most of a large archive would otherwise cost time in proportion to it.
   */
  maxMatches: number;
}

export interface SearchIndexMatches {
  /** Article ids, best first. */
  ids: number[];
  /** Matches (published, within the filters), at most maxMatches. */
  total: number;
  /** More than maxMatches articles matched; only the newest maxMatches were ranked. */
  capped: boolean;
}

// Tokens are letters and digits by construction; anything else reaching here is a bug upstream,
// and refusing it keeps a query string from ever becoming query syntax.
const tokenPattern = /^[\p{L}\p{N}]+$/u;

function assertTokens(terms: SearchTerms): void {
  for (const term of terms) {
    for (const alternative of term) {
      if (alternative.length === 0) throw new Error("search: empty alternative");
      for (const token of alternative) if (!tokenPattern.test(token)) throw new Error(`search: not a token: ${JSON.stringify(token)}`);
    }
  }
}

/** FTS5 query text: every token a quoted string (quotes doubled), joined only by AND, OR and brackets. */
export function toFts5Query(terms: SearchTerms): string {
  const quote = (token: string) => `"${token.replaceAll('"', '""')}"`;
  const alternative = (tokens: string[]) => `(${tokens.map(quote).join(" AND ")})`;
  return terms.map((term) => (term.length === 1 ? alternative(term[0]!) : `(${term.map(alternative).join(" OR ")})`)).join(" AND ");
}

/** A tsquery built from parameters: plainto_tsquery never reads operators in its input. */
function toTsQuery(terms: SearchTerms): Prisma.Sql {
  const alternative = (tokens: string[]) => Prisma.sql`plainto_tsquery('simple', ${tokens.join(" ")})`;
  const term = (alternatives: string[][]) => Prisma.sql`(${Prisma.join(alternatives.map(alternative), " || ")})`;
  return Prisma.join(terms.map(term), " && ");
}

function filterConditions(query: SearchIndexQuery): Prisma.Sql {
  const conditions = [Prisma.sql`a."status" = 'published'`];
  if (query.sectionSlug !== null) {
    conditions.push(Prisma.sql`a."sectionId" = (SELECT "id" FROM "Section" WHERE "slug" = ${query.sectionSlug})`);
  }
  if (query.publishedFrom !== null) conditions.push(Prisma.sql`a."publishedAt" >= ${query.publishedFrom}`);
  if (query.publishedBefore !== null) conditions.push(Prisma.sql`a."publishedAt" < ${query.publishedBefore}`);
  return Prisma.join(conditions, " AND ");
}

type CountRow = { count: number | bigint };

// Both engines, in one statement: take the newest maxMatches + 1 matches (walking the index
// backwards by id, which both do cheaply), count them, rank them, and return one page. The rank is
// computed over that window only, so no more documents are scored than it holds; a window of
// maxMatches + 1 tells "exactly maxMatches" from "more", and its oldest match is then left out.

type RankedRow = { id: number | bigint; total: number | bigint };

async function findMatchesOnSqlite(db: Db, query: SearchIndexQuery): Promise<SearchIndexMatches> {
  const from = Prisma.sql`"ArticleSearch" JOIN "Article" AS a INDEXED BY "Article_search_filter_idx" ON a."id" = "ArticleSearch".rowid`;
  const where = Prisma.sql`"ArticleSearch" MATCH ${toFts5Query(query.terms)} AND ${filterConditions(query)}`;
  const rows = await db.$queryRaw<RankedRow[]>`
    SELECT "id", "total" FROM (
      SELECT "id", "score", count(*) OVER () AS "total", min("id") OVER () AS "oldest" FROM (
        SELECT "ArticleSearch".rowid AS "id", bm25("ArticleSearch", ${SQLITE_WEIGHTS}) AS "score" FROM ${from} WHERE ${where}
        ORDER BY "ArticleSearch".rowid DESC LIMIT ${query.maxMatches + 1}
      )
    ) WHERE "total" <= ${query.maxMatches} OR "id" > "oldest"
    ORDER BY "score", "id" DESC LIMIT ${query.limit} OFFSET ${query.offset}`;
  if (rows.length > 0 || query.offset === 0) return toMatches(rows, query.maxMatches);
  // A page past the last: count, to say how many there are.
  const [counted] = await db.$queryRaw<CountRow[]>`
    SELECT count(*) AS "count" FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${query.maxMatches + 1})`;
  return toMatches([], query.maxMatches, counted);
}

async function findMatchesOnPostgres(db: Db, query: SearchIndexQuery): Promise<SearchIndexMatches> {
  const from = Prisma.sql`"ArticleSearch" AS s JOIN "Article" AS a ON a."id" = s."articleId" CROSS JOIN (SELECT ${toTsQuery(query.terms)} AS "query") AS q`;
  const where = Prisma.sql`s."document" @@ q."query" AND ${filterConditions(query)}`;
  // Only the window's documents are read (de-TOASTed) to rank them.
  const rows = await db.$queryRaw<RankedRow[]>`
    SELECT "id", "total" FROM (
      SELECT w."id", ts_rank_cd(${POSTGRES_WEIGHTS}, w."document", w."query", 1) AS "score",
        count(*) OVER () AS "total", min(w."id") OVER () AS "oldest"
      FROM (
        SELECT s."articleId" AS "id", s."document", q."query" FROM ${from} WHERE ${where}
        ORDER BY s."articleId" DESC LIMIT ${query.maxMatches + 1}
      ) AS w
    ) AS r WHERE "total" <= ${query.maxMatches} OR "id" > "oldest"
    ORDER BY "score" DESC, "id" DESC LIMIT ${query.limit} OFFSET ${query.offset}`;
  if (rows.length > 0 || query.offset === 0) return toMatches(rows, query.maxMatches);
  const [counted] = await db.$queryRaw<CountRow[]>`
    SELECT count(*) AS "count" FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${query.maxMatches + 1}) AS m`;
  return toMatches([], query.maxMatches, counted);
}

function toMatches(rows: RankedRow[], maxMatches: number, counted?: CountRow): SearchIndexMatches {
  const count = Number(rows[0]?.total ?? counted?.count ?? 0);
  return {
    ids: rows.map((row) => Number(row.id)),
    total: Math.min(count, maxMatches),
    capped: count > maxMatches,
  };
}

/** Ranked matches for a parsed query: the same call and the same answers on either engine. */
export async function findArticleSearchMatches(db: Db, query: SearchIndexQuery): Promise<SearchIndexMatches> {
  if (query.terms.length === 0) return { ids: [], total: 0, capped: false };
  assertTokens(query.terms);
  return getDatabaseProvider(db) === "sqlite" ? findMatchesOnSqlite(db, query) : findMatchesOnPostgres(db, query);
}

export interface SearchHitArticle {
  article: ArticleListItem;
  /** For the snippet. */
  bodyMarkdown: string;
}

/** The list items of the matched articles, with their bodies for snippets, by id. */
export async function getSearchHitArticles(db: Db, ids: number[]): Promise<Map<number, SearchHitArticle>> {
  if (ids.length === 0) return new Map();
  const rows = await db.article.findMany({ where: { id: { in: ids } }, select: { ...listItemSelect, bodyMarkdown: true } });
  return new Map(rows.map((row) => [row.id, { article: toListItem(row), bodyMarkdown: row.bodyMarkdown }]));
}
