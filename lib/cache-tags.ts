// Every cache tag the portal uses, built here and nowhere else, so a write can name exactly what
// it changed and a page exactly what it shows.

/** Any list of articles: home, section, tag and author pages, feeds, search, related stories. */
export const articleListsTag = "articles";
/** The section navigation in every page's header. */
export const sectionsTag = "sections";

export function articleTag(slug: string): string {
  return `article:${slug}`;
}

export function sectionTag(slug: string): string {
  return `section:${slug}`;
}

export function tagTag(slug: string): string {
  return `tag:${slug}`;
}

export function authorTag(slug: string): string {
  return `author:${slug}`;
}

/** What changing these articles makes stale: their pages (old slugs too), every list, the navigation. */
export function tagsForChangedArticles(slugs: Iterable<string>): string[] {
  const tags = new Set([articleListsTag, sectionsTag]);
  for (const slug of slugs) tags.add(articleTag(slug));
  return [...tags];
}

const tagPattern = /^(articles|sections|(article|section|tag|author):[a-z0-9-]{1,120})$/;

/** Tags arriving from outside (the revalidation endpoint) must be ones this module makes. */
export function isKnownCacheTag(tag: string): boolean {
  return tagPattern.test(tag);
}
