import "server-only";
import { unstable_cache } from "next/cache";
import { articleListsTag, articleTag } from "../cache-tags";
import { getDb } from "../db/client";
import { type ArticleSlugFate, getArticleSlugFate, getListLastModified } from "../db/withdrawn-articles";

// The lookups the proxy makes on every article and home request, from Next's data cache. Every
// article change revalidates the lists tag (lib/cache-tags.ts), which a rename, a withdrawal and
// a prune all are, so a cached fate or date is never older than the pages it describes.

export function getCachedArticleSlugFate(slug: string): Promise<ArticleSlugFate> {
  return unstable_cache(async () => getArticleSlugFate(await getDb(), slug), ["article-fate", slug], {
    tags: [articleTag(slug), articleListsTag],
  })();
}

/** When any story a page can show last changed (published, or withdrawn since), or null. */
export async function getCachedContentLastModified(): Promise<Date | null> {
  const iso = await unstable_cache(async () => (await getListLastModified(await getDb(), null))?.toISOString() ?? null, ["content-last-modified"], {
    tags: [articleListsTag],
  })();
  return iso === null ? null : new Date(iso);
}
