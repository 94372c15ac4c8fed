import "server-only";
import type { ArticleListFilter } from "./articles";
import type { Db } from "./client";

// Articles readers once could read and no longer can, and what an article URL answers now.
// "withdrawn" rows are never deleted: their URLs keep answering 410 Gone instead of 404, and a
// file put back republishes the same article at the same URL.

/** What a request for /articles/<slug> should get. */
export type ArticleSlugFate =
  | { kind: "published"; slug: string }
  /** A former slug of a published article: 301 to its current one. */
  | { kind: "moved"; to: string }
  /** Published once, withdrawn since (its current slug or a former one): 410. */
  | { kind: "gone"; title: string }
  /** Never existed, or a draft nobody has seen: 404. */
  | { kind: "unknown" };

const fateSelect = { slug: true, status: true, title: true } as const;

function toFate(row: { slug: string; status: string; title: string }, requested: string): ArticleSlugFate {
  if (row.status === "withdrawn") return { kind: "gone", title: row.title };
  if (row.status !== "published") return { kind: "unknown" };
  return row.slug === requested ? { kind: "published", slug: row.slug } : { kind: "moved", to: row.slug };
}

export async function getArticleSlugFate(db: Db, slug: string): Promise<ArticleSlugFate> {
  const current = await db.article.findUnique({ where: { slug }, select: fateSelect });
  if (current) return toFate(current, slug);
  const former = await db.articleSlugHistory.findUnique({ where: { slug }, select: { article: { select: fateSelect } } });
  return former ? toFate(former.article, slug) : { kind: "unknown" };
}

/**
 * What an old address of an imported article (front matter aliases, redirect_from, url) answers:
 * 301 to the article while it is published, 410 once withdrawn, nothing for a draft.
 */
export async function getArticleAliasFate(db: Db, aliasPath: string): Promise<ArticleSlugFate> {
  const alias = await db.articleAlias.findUnique({ where: { path: aliasPath }, select: { article: { select: fateSelect } } });
  if (!alias) return { kind: "unknown" };
  const fate = toFate(alias.article, "");
  return fate.kind === "moved" ? fate : fate.kind === "gone" ? fate : { kind: "unknown" };
}

export interface IngestedArticleOrigin {
  id: number;
  slug: string;
  originPath: string;
  status: string;
}

/**
 * Articles made from files at these origin paths or inside these folders (paths as ingest stores
 * them, "/"-separated), that readers can see now: the candidates a prune checks against the disk.
 */
export async function listPublishedArticlesFromOrigins(db: Db, origins: { files: string[]; folders: string[] }): Promise<IngestedArticleOrigin[]> {
  const prefixes = origins.folders.map((folder) => (folder === "" || folder.endsWith("/") ? folder : `${folder}/`));
  const or = [
    ...(origins.files.length > 0 ? [{ originPath: { in: origins.files } }] : []),
    ...prefixes.map((prefix) => ({ originPath: { startsWith: prefix } })),
  ];
  if (or.length === 0) return [];
  const rows = await db.article.findMany({
    where: { status: "published", OR: or },
    select: { id: true, slug: true, originPath: true, status: true },
    orderBy: { originPath: "asc" },
  });
  return rows.flatMap((row) => (row.originPath === null ? [] : [{ ...row, originPath: row.originPath }]));
}

/**
 * Marks the articles withdrawn. Their content hash is cleared so that the next ingest of a file
 * at the same path is never "unchanged": putting a file back republishes its article.
 */
export async function withdrawArticles(db: Db, ids: number[]): Promise<number> {
  let withdrawn = 0;
  // Chunked: SQLite caps bound parameters per statement.
  for (let i = 0; i < ids.length; i += 500) {
    const result = await db.article.updateMany({
      where: { id: { in: ids.slice(i, i + 500) }, status: { not: "withdrawn" } },
      data: { status: "withdrawn", contentHash: "" },
    });
    withdrawn += result.count;
  }
  return withdrawn;
}

/**
 * When a list of articles last changed, counting stories that left it by being withdrawn (their
 * row changes then): the newest change among its published and withdrawn articles, or null. A
 * list whose newest story was withdrawn must not look older than the copy a client already has.
 */
export async function getListLastModified(db: Db, filter: ArticleListFilter): Promise<Date | null> {
  const scope =
    filter === null
      ? {}
      : "section" in filter
        ? { section: { slug: filter.section } }
        : "tag" in filter
          ? { tags: { some: { tag: { slug: filter.tag } } } }
          : { authors: { some: { author: { slug: filter.author } } } };
  const result = await db.article.aggregate({ where: { ...scope, status: { in: ["published", "withdrawn"] } }, _max: { updatedAt: true } });
  return result._max.updatedAt;
}
