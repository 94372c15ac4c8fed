import "server-only";
import type { ArticleListItem } from "../db/articles";
import type { Db } from "../db/client";
import { countSearchUserWords, findArticleSearchMatches, getSearchHitArticles, listSearchUserWords } from "../db/search-index";
import { addSearchUserWords } from "../content/chinese-words";
import { toPlainText } from "./plain-text";
import { parseSearchQuery } from "./search-query";
import { buildLeadSnippetHtml, buildSnippetHtml, createHighlighter, highlightAll } from "./snippet";

export const SEARCH_PAGE_SIZE = 10;
const SNIPPET_SOURCE_LENGTH = 20_000;
/**
 * A query matching more articles than this ranks the newest this many (and says so). Ranking scores
 * every candidate, about 2-4 µs each on SQLite on these machines, on top of a pass over each query
 * word's whole posting list; 2,000 (months of news for a common word) keeps such a query's matching
 * near 20 ms at 100,000 articles (tests/bench/search.ts).
 */
export const MAX_RANKED_MATCHES = 2_000;

export interface SearchRequest {
  /** What the reader typed: any string (it is parsed, never interpreted as syntax). */
  query: string;
  /** A section's slug, or null for all. */
  sectionSlug?: string | null;
  /** Published at or after this instant. */
  publishedFrom?: Date | null;
  /** Published before this instant. */
  publishedBefore?: Date | null;
  /** 1-based. */
  page?: number;
  pageSize?: number;
  maxMatches?: number;
}

export interface SearchHit {
  article: ArticleListItem;
  /** The title, escaped, with matched words in <mark>. */
  titleHtml: string;
  /** A passage of the summary or body, escaped, with matched words in <mark>. */
  snippetHtml: string;
}

export interface SearchResults {
  /** The query as it was read (cut to length, whitespace collapsed): what the page shows back. */
  query: string;
  /** False when the query had nothing to search for (empty, or only punctuation and symbols). */
  searched: boolean;
  hits: SearchHit[];
  total: number;
  /** More articles matched than were ranked (see MAX_RANKED_MATCHES). */
  capped: boolean;
  page: number;
  pageCount: number;
}

/** The first `length` UTF-16 units of text, one fewer rather than half a surrogate pair. */
function cutText(text: string, length: number): string {
  if (text.length <= length) return text;
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

const learntWordCounts = new WeakMap<Db, number>();

/**
 * Teaches this process's segmenter the names ingest learnt (tags, authors, unknown title names), so
 * queries split as the articles were indexed. Counting them is cheap; they are read only when the
 * count changed since this database was last asked.
 */
async function learnSearchUserWords(db: Db): Promise<void> {
  const count = await countSearchUserWords(db);
  if (learntWordCounts.get(db) === count) return;
  addSearchUserWords(await listSearchUserWords(db));
  learntWordCounts.set(db, count);
}

/** Full-text search over published articles' titles, summaries and bodies, best match first. */
export async function searchArticles(db: Db, request: SearchRequest): Promise<SearchResults> {
  const page = Math.max(1, Math.floor(request.page ?? 1));
  const pageSize = request.pageSize ?? SEARCH_PAGE_SIZE;
  await learnSearchUserWords(db);
  const parsed = parseSearchQuery(request.query);
  const empty = { query: parsed.text, hits: [], total: 0, capped: false, page, pageCount: 1 };
  if (parsed.terms.length === 0) return { ...empty, searched: false };

  const matches = await findArticleSearchMatches(db, {
    terms: parsed.terms,
    sectionSlug: request.sectionSlug ?? null,
    publishedFrom: request.publishedFrom ?? null,
    publishedBefore: request.publishedBefore ?? null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
    maxMatches: request.maxMatches ?? MAX_RANKED_MATCHES,
  });
  const found = await getSearchHitArticles(db, matches.ids);
  const highlighter = createHighlighter(parsed);
  const hits = matches.ids.flatMap((id) => {
    const hit = found.get(id);
    if (!hit) return [];
    // Snippets are looked for in the first SNIPPET_SOURCE_LENGTH characters: a passage that far in
    // is as good as any, and a huge body would otherwise cost every search that finds it.
    const text = [...hit.article.summaryPoints, toPlainText(cutText(hit.bodyMarkdown, SNIPPET_SOURCE_LENGTH))].join("\n\n");
    // A title found by its pinyin (星火 for "xinghuo") has the same words marked in its snippet.
    const pinyinWords = highlighter.findPinyinMatches(hit.article.title);
    const bodyHighlighter = pinyinWords.length > 0 ? createHighlighter(parsed, pinyinWords) : highlighter;
    return [
      {
        article: hit.article,
        titleHtml: highlightAll(hit.article.title, highlighter),
        snippetHtml: buildSnippetHtml(text, bodyHighlighter) ?? buildLeadSnippetHtml(text),
      },
    ];
  });
  return {
    ...empty,
    searched: true,
    hits,
    total: matches.total,
    capped: matches.capped,
    pageCount: Math.max(1, Math.ceil(matches.total / pageSize)),
  };
}
