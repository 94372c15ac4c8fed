import "server-only";
import { unstable_cache } from "next/cache";
import { articleListsTag, articleTag } from "../cache-tags";
import { createDb, type Db } from "../db/client";
import { type ArticleSlugFate, getArticleSlugFate, getListLastModified } from "../db/withdrawn-articles";
import { env } from "../env";

// The lookups the proxy makes on every article and home request, from Next's data cache. Every
// article change revalidates the lists tag (lib/cache-tags.ts), which a rename, a withdrawal and
// a prune all are, so a cached fate or date is never older than the pages it describes.

// The proxy is bundled apart from the routes, with its own copy of every module, so it keeps its
// own client rather than getDb's process-wide one: that one would be registered with whichever
// copy of lib/db/client.ts made it first, and the other copy would refuse it.
let proxyDb: Promise<Db> | undefined;
function getProxyDb(): Promise<Db> {
  proxyDb ??= createDb(env.DATABASE_URL);
  return proxyDb;
}

export function getCachedArticleSlugFate(slug: string): Promise<ArticleSlugFate> {
  return unstable_cache(async () => getArticleSlugFate(await getProxyDb(), slug), ["article-fate", slug], {
    tags: [articleTag(slug), articleListsTag],
  })();
}

/** When any story a page can show last changed (published, or withdrawn since), or null. */
export async function getCachedContentLastModified(): Promise<Date | null> {
  const iso = await unstable_cache(async () => (await getListLastModified(await getProxyDb(), null))?.toISOString() ?? null, ["content-last-modified"], {
    tags: [articleListsTag],
  })();
  return iso === null ? null : new Date(iso);
}
