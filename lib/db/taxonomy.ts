import "server-only";
import type { Db } from "./client";

export interface Section {
  slug: string;
  name: string;
  articleCount: number;
}

export interface Tag {
  slug: string;
  name: string;
}

export interface Author {
  slug: string;
  name: string;
  bio: string | null;
}

/** Sections that have published stories, biggest first: the site's navigation. */
export async function listSectionsWithPublishedArticles(db: Db): Promise<Section[]> {
  const rows = await db.section.findMany({
    select: { slug: true, name: true, _count: { select: { articles: { where: { status: "published" } } } } },
  });
  return rows
    .map((row) => ({ slug: row.slug, name: row.name, articleCount: row._count.articles }))
    .filter((section) => section.articleCount > 0)
    .sort((a, b) => b.articleCount - a.articleCount || a.name.localeCompare(b.name));
}

export async function getSectionBySlug(db: Db, slug: string): Promise<Omit<Section, "articleCount"> | null> {
  return db.section.findUnique({ where: { slug }, select: { slug: true, name: true } });
}

export async function getTagBySlug(db: Db, slug: string): Promise<Tag | null> {
  return db.tag.findUnique({ where: { slug }, select: { slug: true, name: true } });
}

export async function getAuthorBySlug(db: Db, slug: string): Promise<Author | null> {
  return db.author.findUnique({ where: { slug }, select: { slug: true, name: true, bio: true } });
}
