import "server-only";
import { cache } from "react";
import { slugPattern } from "./content/slug-pattern";
import { type ArticleListPage, listPublishedArticlesPage } from "./db/articles";
import { getDb } from "./db/client";
import { getAuthorBySlug, getSectionBySlug, getTagBySlug } from "./db/taxonomy";
import { parsePageParam } from "./page-param";

export type TaxonomyKind = "section" | "tag" | "author";

export interface TaxonomyList {
  kind: TaxonomyKind;
  name: string;
  intro: string | null;
  basePath: string;
  list: ArticleListPage;
}

const LIST_PAGE_SIZE = 20;
const pathPrefix: Record<TaxonomyKind, string> = { section: "/sections", tag: "/tags", author: "/authors" };

async function findNamed(kind: TaxonomyKind, slug: string): Promise<{ name: string; intro: string | null } | null> {
  const db = await getDb();
  if (kind === "section") return getSectionBySlug(db, slug).then((row) => row && { name: row.name, intro: null });
  if (kind === "tag") return getTagBySlug(db, slug).then((row) => row && { name: row.name, intro: null });
  return getAuthorBySlug(db, slug).then((row) => row && { name: row.name, intro: row.bio });
}

/**
 * A section's, tag's or author's stories for one page of its list, or null for anything that
 * should be a 404: a malformed slug, an unknown name, a page number that is not a whole number
 * from 1 up or lies past the last page. Cached per request, so metadata and page share it.
 */
export const loadTaxonomyList = cache(
  async (kind: TaxonomyKind, rawSlug: string, rawPage: string | string[] | undefined): Promise<TaxonomyList | null> => {
    const page = parsePageParam(rawPage);
    if (page === null || rawSlug.length > 120 || !slugPattern.test(rawSlug)) return null;
    const named = await findNamed(kind, rawSlug);
    if (!named) return null;
    const filter = kind === "section" ? { section: rawSlug } : kind === "tag" ? { tag: rawSlug } : { author: rawSlug };
    const list = await listPublishedArticlesPage(await getDb(), filter, { page, pageSize: LIST_PAGE_SIZE });
    if (page > list.pageCount) return null;
    return { kind, name: named.name, intro: named.intro, basePath: `${pathPrefix[kind]}/${rawSlug}`, list };
  },
);
