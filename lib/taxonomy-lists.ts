import "server-only";
import { cache } from "react";
import { getCachedTaxonomyList } from "./cached-queries";
import { slugPattern } from "./content/slug-pattern";
import type { ArticleListPage } from "./db/articles";
import { parsePageParam } from "./page-param";
import type { TaxonomyKind } from "./taxonomy-kind";

export type { TaxonomyKind } from "./taxonomy-kind";

export interface TaxonomyList {
  kind: TaxonomyKind;
  name: string;
  intro: string | null;
  basePath: string;
  list: ArticleListPage;
}

const pathPrefix: Record<TaxonomyKind, string> = { section: "/sections", tag: "/tags", author: "/authors" };

/**
 * A section's, tag's or author's stories for one page of its list, or null for anything that
 * should be a 404: a malformed slug, an unknown name, a page number that is not a whole number
 * from 1 up or lies past the last page. Cached per request, so metadata and page share it.
 */
export const loadTaxonomyList = cache(
  async (kind: TaxonomyKind, rawSlug: string, rawPage: string | string[] | undefined): Promise<TaxonomyList | null> => {
    const page = parsePageParam(rawPage);
    if (page === null || rawSlug.length > 120 || !slugPattern.test(rawSlug)) return null;
    const data = await getCachedTaxonomyList(kind, rawSlug, page);
    if (!data || page > data.list.pageCount) return null;
    return { kind, name: data.name, intro: data.intro, basePath: `${pathPrefix[kind]}/${rawSlug}`, list: data.list };
  },
);
