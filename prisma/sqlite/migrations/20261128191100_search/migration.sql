-- Full-text search index (lib/db/search-index.ts), written by hand: Prisma cannot express an FTS5
-- table. lib/db/migrate.ts lists it as an external table, so later migrations leave it alone.
--
-- One row per article, rowid = "Article"."id". Its columns hold space-joined tokens that
-- lib/search already segmented (jieba), case-folded and stemmed; unicode61 only splits them at the
-- spaces. Contentless: the text itself lives in "Article" and snippets are cut from there, so the
-- index stores no copy; contentless_delete lets an edited article's entry be replaced.
CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
    title,
    summary,
    body,
    pinyin,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A deleted article's entry goes with it. (A migration that rebuilds "Article" drops this trigger
-- with the table; a leftover entry is harmless, since searches join "Article", and
-- `npm run search:rebuild` clears it.)
CREATE TRIGGER "Article_search_delete" AFTER DELETE ON "Article" BEGIN
    DELETE FROM "ArticleSearch" WHERE rowid = OLD."id";
END;
