-- The search index splits its columns with FTS5's ascii tokenizer instead of unicode61. The text
-- arrives already cut into tokens by lib/search (letters and digits only, case-folded, accents
-- removed, space-separated), so all the tokenizer has to do is split at the spaces: ascii does just
-- that, and indexes an article in about two thirds of the time unicode61 took.
--
-- The table is created again, empty; ingest format 4 (lib/content/prepare-article.ts) re-indexes
-- every file-backed article on the next ingest, and `npm run search:rebuild` rebuilds the index
-- for all articles at once.
DROP TRIGGER IF EXISTS "Article_search_delete";
DROP TABLE IF EXISTS "ArticleSearch";

CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
    title,
    summary,
    body,
    pinyin,
    content = '',
    contentless_delete = 1,
    tokenize = 'ascii'
);

CREATE TRIGGER "Article_search_delete" AFTER DELETE ON "Article" BEGIN
    DELETE FROM "ArticleSearch" WHERE rowid = OLD."id";
END;
