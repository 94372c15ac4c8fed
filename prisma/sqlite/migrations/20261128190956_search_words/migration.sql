-- CreateTable
CREATE TABLE "SearchWord" (
    "word" TEXT NOT NULL PRIMARY KEY
);

-- CreateIndex
CREATE INDEX "Article_search_filter_idx" ON "Article"("id", "status", "publishedAt", "sectionId");
