import "server-only";
import { addSearchUserWords, findUnknownNames, selectUnknownWords } from "../content/chinese-words";
import { parseSummaryPoints } from "../db/articles";
import { type Db, getDatabaseProvider } from "../db/client";
import {
  type ArticleSearchRow,
  clearArticleSearchIndex,
  listArticleSearchSources,
  saveSearchUserWords,
  writeArticleSearchDocuments,
} from "../db/search-index";
import { prepareArticleSearch } from "./article-search-text";

const BATCH_SIZE = 500;

export interface RebuildProgress {
  done: number;
  total: number;
}

export interface RebuildReport {
  articles: number;
  elapsedMs: number;
}

/**
 * Re-indexes every article from what the database holds, in one transaction: searches see the old
 * index until the new one is complete. Every name is learnt before any article is segmented, so
 * the result does not depend on the order articles were ingested in. Writers wait for it to finish.
 */
export async function rebuildSearchIndex(
  db: Db,
  { now = () => Date.now(), onProgress }: { now?: () => number; onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<RebuildReport> {
  const started = now();
  const provider = getDatabaseProvider(db);
  const articles = await db.$transaction(
    async (tx) => {
      const names: string[] = [];
      let total = 0;
      for (let afterId = 0; ; ) {
        const sources = await listArticleSearchSources(tx, { afterId, limit: BATCH_SIZE * 4, withBodies: false });
        if (sources.length === 0) break;
        for (const source of sources) {
          names.push(...source.tagNames, ...source.authorNames, ...(source.sectionName ? [source.sectionName] : []), ...findUnknownNames(source.title));
        }
        total += sources.length;
        afterId = sources.at(-1)!.id;
      }
      const userWords = selectUnknownWords(names);
      addSearchUserWords(userWords);
      await saveSearchUserWords(tx, userWords);

      await clearArticleSearchIndex(tx, provider);
      let done = 0;
      for (let afterId = 0; ; ) {
        const sources = await listArticleSearchSources(tx, { afterId, limit: BATCH_SIZE, withBodies: true });
        if (sources.length === 0) break;
        const rows: ArticleSearchRow[] = sources.map((source) => ({
          articleId: source.id,
          document: prepareArticleSearch({
            title: source.title,
            summaryPoints: parseSummaryPoints(source.summaryPoints),
            bodyMarkdown: source.bodyMarkdown,
            sectionName: source.sectionName,
            tagNames: source.tagNames,
            authorNames: source.authorNames,
          }).document,
        }));
        await writeArticleSearchDocuments(tx, provider, rows, { replacing: false });
        done += sources.length;
        afterId = sources.at(-1)!.id;
        onProgress?.({ done, total: Math.max(total, done) });
      }
      return done;
    },
    // A large archive takes minutes to segment; the default five-second limit is for requests.
    { maxWait: 60_000, timeout: 3_600_000 },
  );
  return { articles, elapsedMs: now() - started };
}
