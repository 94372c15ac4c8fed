import type { ArticleToSave } from "./ingested-articles";

// The rows an ingested article becomes, shared by both writers: Prisma's (PostgreSQL, in
// ingested-articles.ts) and better-sqlite3's (SQLite, in sqlite-article-writer.ts).

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export type NamesWithSlugs = { sections: Map<string, string>; tags: Map<string, string>; authors: Map<string, string> };

/** The section, tag and author names these articles use, each with the base slug a new row for it gets. */
export function collectNames(articles: ArticleToSave[]): NamesWithSlugs {
  const names: NamesWithSlugs = { sections: new Map(), tags: new Map(), authors: new Map() };
  const add = (into: Map<string, string>, article: ArticleToSave, name: string) => {
    const slug = article.nameSlugs.get(name);
    if (slug === undefined) throw new Error(`${article.originPath}: no slug was worked out for the name "${name}"`);
    into.set(name, slug);
  };
  for (const article of articles) {
    if (article.sectionName) add(names.sections, article, article.sectionName);
    for (const tag of article.tagNames) add(names.tags, article, tag);
    for (const author of article.authors) add(names.authors, article, author.name);
  }
  return names;
}

/** Every image these articles show, body images and covers, with the folder a file must stay inside, for the rows both writers ensure. */
export function collectImageSources(articles: ArticleToSave[]): Map<string, string | null> {
  const images = new Map<string, string | null>();
  for (const article of articles) {
    for (const source of [...article.images.map((image) => image.source), ...(article.coverImageSrc ? [article.coverImageSrc] : [])]) {
      if (!images.has(source)) images.set(source, article.imageRoots.get(source) ?? null);
    }
  }
  return images;
}

export type RelatedIds = {
  sections: Map<string, number>;
  tags: Map<string, number>;
  authors: Map<string, number>;
  images: Map<string, number>;
};

export function toArticleColumns(article: ArticleToSave, ids: RelatedIds) {
  return {
    slug: article.slug,
    title: article.title,
    summaryPoints: JSON.stringify(article.summaryPoints),
    bodyMarkdown: article.bodyMarkdown,
    bodyHtml: article.bodyHtml,
    hanCharacters: article.hanCharacters,
    wordCount: article.wordCount,
    readingMinutes: article.readingMinutes,
    status: article.status,
    publishedAt: article.publishedAt,
    revisedAt: article.revisedAt,
    timeZone: article.timeZone,
    language: article.language,
    sourceName: article.sourceName,
    sourceUrl: article.sourceUrl,
    contentHash: article.contentHash,
    originPath: article.originPath,
    siteRoot: article.siteRoot,
    frontMatterExtra: article.frontMatterExtra,
    coverImageId: article.coverImageSrc === null ? null : ids.images.get(article.coverImageSrc)!,
    sectionId: article.sectionName === null ? null : ids.sections.get(article.sectionName)!,
  };
}

/** The rows that link an article to its authors (in byline order), tags and images (in body order). */
export function toLinkRows(article: ArticleToSave, ids: RelatedIds) {
  return {
    authors: uniqueBy(article.authors, (author) => author.name).map((author, position) => ({
      authorId: ids.authors.get(author.name)!,
      position,
      role: author.role,
      outlet: author.outlet,
    })),
    tags: uniqueBy(article.tagNames, (name) => name).map((name) => ({ tagId: ids.tags.get(name)! })),
    images: uniqueBy(article.images, (image) => image.source).map((image, position) => ({
      imageId: ids.images.get(image.source)!,
      position,
      alt: image.alt,
      caption: image.caption,
    })),
  };
}

/** The Article columns an ingest writes, in the order both writers bind them. */
export const articleColumns = [
  "slug", "title", "summaryPoints", "bodyMarkdown", "bodyHtml", "hanCharacters", "wordCount", "readingMinutes", "status", "publishedAt", "revisedAt", "timeZone",
  "language", "sourceName", "sourceUrl", "contentHash", "originPath", "siteRoot", "frontMatterExtra", "coverImageId", "sectionId", "updatedAt",
] as const;

/**
 * The status to store for an article whose file says `fileStatus`. A story readers have seen does
 * not become an unknown draft when its file says draft again: it is withdrawn, so its URL answers
 * 410 Gone rather than 404 (lib/db/withdrawn-articles.ts).
 */
export function storedStatus(fileStatus: ArticleToSave["status"], currentStatus: string | null): string {
  return fileStatus === "draft" && currentStatus !== null && currentStatus !== "draft" ? "withdrawn" : fileStatus;
}
