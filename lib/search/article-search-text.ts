import { addSearchUserWords, findUnknownNames, selectUnknownWords } from "../content/chinese-words";
import type { ArticleSearchDocument } from "../db/search-index";
import { toPlainText } from "./plain-text";
import { tokenizeForIndex, toPinyinTokens } from "./search-tokens";

// Ingest runs this in its worker threads (it is the CPU-heavy part of indexing), so the main thread
// only writes the strings it returns.

/**
 * A body is indexed up to this many tokens (a long report has ~5,000). The cap keeps a pathological
 * file within PostgreSQL's limits for a tsvector, and both engines index the same words.
 */
export const MAX_BODY_TOKENS = 50_000;

export interface ArticleSearchInput {
  title: string;
  summaryPoints: string[];
  bodyMarkdown: string;
  sectionName: string | null;
  tagNames: string[];
  authorNames: string[];
}

export interface PreparedArticleSearch {
  document: ArticleSearchDocument;
  /** Names from this article that Chinese segmentation must keep whole; saved for queries to learn. */
  userWords: string[];
}

/**
 * The names in an article that Chinese segmentation must keep whole: its tags, authors, section and
 * the unknown names in its title, so 讯飞 in the body is indexed as one word, not 讯 and 飞. They must
 * be taught to the segmenter (addSearchUserWords) before the article is tokenized.
 */
export function findArticleUserWords(input: ArticleSearchInput): string[] {
  return selectUnknownWords([
    ...input.tagNames,
    ...input.authorNames,
    ...(input.sectionName ? [input.sectionName] : []),
    ...findUnknownNames(input.title),
  ]);
}

/** The article's index entry, cut with the user words the segmenter knows now. */
export function buildArticleSearchDocument(input: ArticleSearchInput): ArticleSearchDocument {
  return {
    title: tokenizeForIndex(input.title).join(" "),
    summary: tokenizeForIndex(input.summaryPoints.join("\n")).join(" "),
    body: tokenizeForIndex(toPlainText(input.bodyMarkdown), MAX_BODY_TOKENS).join(" "),
    pinyin: toPinyinTokens(input.title).join(" "),
  };
}

/** One article's index entry, its user words taught to the segmenter first. */
export function prepareArticleSearch(input: ArticleSearchInput): PreparedArticleSearch {
  const userWords = findArticleUserWords(input);
  addSearchUserWords(userWords);
  return { document: buildArticleSearchDocument(input), userWords };
}
