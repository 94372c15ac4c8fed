import type { Db } from "../db/client";
import { getImagesBySource, listArticlesUsingImages, updateArticleBodyHtml } from "../db/images";
import { toImageSource } from "./image-source";
import { renderMarkdown } from "./markdown";
import { renderArticleBody } from "./render-article-body";

/**
 * Renders again the bodies of the articles that show these images, so a newly processed image
 * replaces its placeholder box. Returns the slugs of the articles whose body changed.
 */
export async function refreshArticleBodiesForImages(db: Db, imageIds: number[]): Promise<string[]> {
  const changed: string[] = [];
  for (const article of await listArticlesUsingImages(db, imageIds)) {
    const originPath = article.originPath ?? "";
    const sources = renderMarkdown(article.bodyMarkdown).images.flatMap((image) => toImageSource(image.src, originPath, article.siteRoot) ?? []);
    const known = await getImagesBySource(db, sources);
    const html = renderArticleBody(article.bodyMarkdown, originPath, (source) => known.get(source), article.siteRoot).html;
    if (html !== article.bodyHtml) {
      await updateArticleBodyHtml(db, article.id, html);
      changed.push(article.slug);
    }
  }
  return changed;
}
