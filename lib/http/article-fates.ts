import "server-only";
import { getDb } from "../db/client";
import { type ArticleSlugFate, getArticleAliasFate, getArticleSlugFate, getListLastModified } from "../db/withdrawn-articles";
import { getContentGeneration } from "./content-generation";

// The lookups the proxy makes on every home and article request, remembered in this process until
// the revalidation endpoint says content changed (lib/http/content-generation.ts). Read through
// Next's data cache, the two lookups cost more than serving the cached page itself: an article
// answered ~290 requests/s with them against ~1,070 without a proxy. Every article change (an
// ingest, a rename, a withdrawal, a prune) reaches that endpoint, so a remembered fate or date is
// never older than the pages it describes. PAGE_CACHE=off remembers nothing.

interface Memo {
  generation: number;
  fates: Map<string, Promise<ArticleSlugFate>>;
  lastModified: Promise<Date | null> | null;
}

/** Slugs asked about (unknown ones included) are forgotten past this many, so a crawl of made-up URLs stays bounded. */
const MAX_REMEMBERED_SLUGS = 10_000;
const remembering = process.env.PAGE_CACHE !== "off";
let memo: Memo = { generation: -1, fates: new Map(), lastModified: null };

function currentMemo(): Memo {
  const generation = getContentGeneration();
  if (memo.generation !== generation || memo.fates.size >= MAX_REMEMBERED_SLUGS) memo = { generation, fates: new Map(), lastModified: null };
  return memo;
}

/** A lookup kept until content changes; a failed one is not kept, so the next request asks again. */
function remember<T>(lookup: () => Promise<T>, keep: (value: Promise<T>) => void, forget: () => void): Promise<T> {
  const value = lookup();
  if (remembering) {
    keep(value);
    value.catch(forget);
  }
  return value;
}

/** A fate looked up by `key` (a slug, or an alias path: the two never collide), kept until content changes. */
function rememberFate(key: string, lookup: () => Promise<ArticleSlugFate>): Promise<ArticleSlugFate> {
  const current = currentMemo();
  const known = current.fates.get(key);
  if (known) return known;
  return remember(
    lookup,
    (value) => current.fates.set(key, value),
    () => current.fates.delete(key),
  );
}

export function getCachedArticleSlugFate(slug: string): Promise<ArticleSlugFate> {
  return rememberFate(slug, async () => getArticleSlugFate(await getDb(), slug));
}

/** What an imported article's old address answers (see getArticleAliasFate), remembered like a slug's fate. */
export function getCachedArticleAliasFate(aliasPath: string): Promise<ArticleSlugFate> {
  return rememberFate(aliasPath, async () => getArticleAliasFate(await getDb(), aliasPath));
}

/** When any story a page can show last changed (published, or withdrawn since), or null. */
export function getCachedContentLastModified(): Promise<Date | null> {
  const current = currentMemo();
  if (current.lastModified) return current.lastModified;
  return remember(
    async () => getListLastModified(await getDb(), null),
    (value) => (current.lastModified = value),
    () => (current.lastModified = null),
  );
}
