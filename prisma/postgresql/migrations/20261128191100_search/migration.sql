-- Full-text search index (lib/db/search-index.ts), written by hand: Prisma cannot express a
-- tsvector column with a GIN index. lib/db/migrate.ts lists the table as external, so later
-- migrations leave it alone.
--
-- One row per article. "document" is to_tsvector('simple', …) over tokens lib/search already
-- segmented (jieba), case-folded and stemmed, so PostgreSQL indexes the same words as SQLite's FTS5:
-- weight A title, B summary, C the title's pinyin, D body.
CREATE TABLE "ArticleSearch" (
    "articleId" INTEGER NOT NULL,
    "document" TSVECTOR NOT NULL,

    CONSTRAINT "ArticleSearch_pkey" PRIMARY KEY ("articleId"),
    CONSTRAINT "ArticleSearch_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "ArticleSearch_document_idx" ON "ArticleSearch" USING GIN ("document");
