-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "frontMatterExtra" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Article" ADD COLUMN     "siteRoot" TEXT;

-- AlterTable
ALTER TABLE "Image" ADD COLUMN     "localRoot" TEXT;

-- CreateTable
CREATE TABLE "ArticleAlias" (
    "path" TEXT NOT NULL,
    "articleId" INTEGER NOT NULL,

    CONSTRAINT "ArticleAlias_pkey" PRIMARY KEY ("path")
);

-- CreateIndex
CREATE INDEX "ArticleAlias_articleId_idx" ON "ArticleAlias"("articleId");

-- AddForeignKey
ALTER TABLE "ArticleAlias" ADD CONSTRAINT "ArticleAlias_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
