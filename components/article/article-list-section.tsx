import type { ArticleListPage } from "@/lib/db/articles";
import type { Dictionary } from "@/lib/i18n/dictionaries";
import { Pagination } from "../ui/pagination";
import { ArticleTeaser } from "./article-teaser";

/** A titled, paginated list of stories: the body of section, tag and author pages. */
export function ArticleListSection({
  heading,
  intro,
  list,
  basePath,
  dictionary,
}: {
  heading: string;
  intro?: string | null;
  list: ArticleListPage;
  basePath: string;
  dictionary: Dictionary;
}) {
  return (
    <section aria-labelledby="list-heading" className="mx-auto max-w-3xl py-6 sm:py-8">
      <header className="border-b-2 border-neutral-900 pb-4 dark:border-neutral-100">
        <h1 id="list-heading" className="font-serif text-3xl leading-tight font-bold sm:text-4xl">
          {heading}
        </h1>
        {intro ? <p className="mt-3 text-neutral-700 dark:text-neutral-300">{intro}</p> : null}
        <p className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">
          {dictionary.storyCount.replace("{count}", String(list.total))}
        </p>
      </header>
      {list.items.map((article, index) => (
        <ArticleTeaser key={article.slug} article={article} eagerCover={index === 0} />
      ))}
      <Pagination basePath={basePath} page={list.page} pageCount={list.pageCount} dictionary={dictionary} />
    </section>
  );
}
