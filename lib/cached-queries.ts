import "server-only";
import { unstable_cache } from "next/cache";
import { articleListsTag, articleTag, sectionsTag } from "./cache-tags";
import {
  type ArticleListItem,
  type ArticlePage,
  getHomePageData,
  getPublishedArticleBySlug,
  getRelatedStoryCandidates,
  type HomePageData,
} from "./db/articles";
import { rankRelatedStories } from "./related/related-stories";
import type { TaxonomyKind } from "./taxonomy-kind";
import { getDb } from "./db/client";
import { type ArticleListPage, listPublishedArticlesPage } from "./db/articles";
import { getAuthorBySlug, getSectionBySlug, getTagBySlug, listSectionsWithPublishedArticles, type Section } from "./db/taxonomy";

// Reads that pages make, cached in Next's data cache under the tags of lib/cache-tags.ts, so a
// page served again does not touch the database until a write revalidates one of its tags.

const dateKeys = new Set(["publishedAt", "revisedAt", "updatedAt"]);

/**
 * The data cache stores JSON, so a cached hit returns dates as strings where a miss returns Date
 * objects. Turn them back, so callers see the same types either way.
 */
function reviveDates<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reviveDates) as T;
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const revived: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    revived[key] = dateKeys.has(key) && typeof field === "string" ? new Date(field) : reviveDates(field);
  }
  return revived as T;
}

function cached<Args extends string[], Result>(
  name: string,
  load: (...args: Args) => Promise<Result>,
  tags: (...args: Args) => string[],
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    const run = unstable_cache(() => load(...args), [name, ...args], { tags: tags(...args) });
    return reviveDates(await run());
  };
}

export const getCachedArticle: (slug: string) => Promise<ArticlePage | null> = cached(
  "article",
  async (slug) => getPublishedArticleBySlug(await getDb(), slug),
  (slug) => [articleTag(slug)],
);

export const getCachedHomePage: () => Promise<HomePageData> = cached(
  "home",
  async () => getHomePageData(await getDb(), { latestCount: 20, perSection: 4 }),
  () => [articleListsTag],
);

export const getCachedSections: () => Promise<Section[]> = cached(
  "sections",
  async () => listSectionsWithPublishedArticles(await getDb()),
  () => [sectionsTag],
);

export interface TaxonomyListData {
  name: string;
  intro: string | null;
  list: ArticleListPage;
}

const LIST_PAGE_SIZE = 20;

async function loadTaxonomyListData(kind: TaxonomyKind, slug: string, page: number): Promise<TaxonomyListData | null> {
  const db = await getDb();
  const named =
    kind === "section"
      ? await getSectionBySlug(db, slug).then((row) => row && { name: row.name, intro: null })
      : kind === "tag"
        ? await getTagBySlug(db, slug).then((row) => row && { name: row.name, intro: null })
        : await getAuthorBySlug(db, slug).then((row) => row && { name: row.name, intro: row.bio });
  if (!named) return null;
  const filter = kind === "section" ? { section: slug } : kind === "tag" ? { tag: slug } : { author: slug };
  return { ...named, list: await listPublishedArticlesPage(db, filter, { page, pageSize: LIST_PAGE_SIZE }) };
}

const cachedTaxonomyList = cached(
  "taxonomy-list",
  (kind: string, slug: string, page: string) => loadTaxonomyListData(kind as TaxonomyKind, slug, Number(page)),
  () => [articleListsTag],
);

/** One page of a section's, tag's or author's list; null for an unknown name. */
export function getCachedTaxonomyList(kind: TaxonomyKind, slug: string, page: number): Promise<TaxonomyListData | null> {
  return cachedTaxonomyList(kind, slug, String(page));
}

const RELATED_STORY_COUNT = 4;

/** Stories like this one; refreshed with the article and whenever any list changes. */
export const getCachedRelatedStories: (slug: string) => Promise<ArticleListItem[]> = cached(
  "related",
  async (slug) => {
    const pool = await getRelatedStoryCandidates(await getDb(), slug);
    return pool ? rankRelatedStories(pool.target, pool.candidates, RELATED_STORY_COUNT) : [];
  },
  (slug) => [articleTag(slug), articleListsTag],
);
