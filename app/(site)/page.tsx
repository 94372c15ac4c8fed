import { connection } from "next/server";
import { ArticleTeaser } from "@/components/article/article-teaser";
import { getDb } from "@/lib/db/client";
import { listLatestPublishedArticles } from "@/lib/db/articles";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";

const HOME_PAGE_SIZE = 30;

export default async function HomePage() {
  // Read per request: an ingest shows up on the next page load.
  await connection();
  const dictionary = getDictionary(env.SITE_LANGUAGE);
  const articles = await listLatestPublishedArticles(await getDb(), { limit: HOME_PAGE_SIZE });
  return (
    <section aria-labelledby="latest-heading" className="py-6">
      <h1 id="latest-heading" className="text-sm font-semibold tracking-widest text-neutral-500 uppercase">
        {dictionary.latestStories}
      </h1>
      {articles.length === 0 ? <p className="py-8">{dictionary.noStories}</p> : null}
      {articles.map((article, index) => (
        <ArticleTeaser key={article.slug} article={article} eagerCover={index === 0} />
      ))}
    </section>
  );
}
